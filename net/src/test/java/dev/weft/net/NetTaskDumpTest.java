package dev.weft.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Loop;
import dev.weft.core.Task;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loop.dumpTasks() shows what a task in a socket read waits on, on both transports. */
@Timeout(20)
class NetTaskDumpTest {

    private static void readerShowsItsSocket(String transport, Pattern line) throws Exception {
        try (Loop loop = Loop.open()) {
            NetOptions options = NetOptions.defaults().withTransport(transport);
            Task<Void> main = loop.spawn("main", () -> {
                try (Server server = Net.startServer((reader, writer) -> reader.readLine(), "127.0.0.1", 0, options);
                     Connection client = Net.openConnection("127.0.0.1", server.port(), options)) {
                    client.reader().readLine();
                }
            });
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                String dump = loop.dumpTasks();
                assertTrue(line.matcher(dump).find(), dump);
            });
            main.cancel("test over");
        }
    }

    @Test
    void nioReaderShowsTheReadAndItsPeer() throws Exception {
        readerShowsItsSocket("nio", Pattern.compile(
                "task 'main' RUNNING, age \\d+\\.\\d{3}s: blocked in net I/O: read on \\S*SocketChannel"
                + "\\[connected local=/127\\.0\\.0\\.1:\\d+ remote=/127\\.0\\.0\\.1:\\d+\\]\n"));
    }

    /** The blocking transport reads on a pump thread; the task waits for the pump's promise. */
    @Test
    void blockingReaderShowsItAwaitsItsPump() throws Exception {
        readerShowsItsSocket("blocking", Pattern.compile("task 'main' RUNNING, age \\d+\\.\\d{3}s: awaits promise"));
    }
}
