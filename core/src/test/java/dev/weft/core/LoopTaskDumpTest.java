package dev.weft.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loop.dumpTasks(): the task tree of a known program, with what each task waits on. */
@Timeout(20)
class LoopTaskDumpTest {

    /** Ages, due times and identity hashes change from run to run; the loop number too. */
    static String normalise(String dump) {
        return dump.replaceAll("weft-loop-\\d+", "weft-loop-N")
                .replaceAll("-?\\d+\\.\\d{3}s", "_s")
                .replaceAll("@[0-9a-f]+", "@_");
    }

    @Test
    void dumpShowsEachTaskWithWhatItWaitsOn() throws Exception {
        try (Loop loop = Loop.open(); ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Lock lock = Lock.create();
            Event release = Event.create();
            Event held = Event.create();
            Task<Void> main = loop.spawn("main", () -> {
                try (TaskScope scope = TaskScope.open("work")) {
                    scope.spawn("holder", () -> {
                        lock.acquire();
                        held.set();
                        release.awaitSet();
                    });
                    held.awaitSet();
                    scope.spawn("locker", () -> lock.acquire());
                    Task<Void> sleeper = scope.spawn("sleeper",
                            () -> Weft.failAfter(Duration.ofHours(2), () -> Weft.sleep(Duration.ofHours(1))));
                    scope.spawn("joiner", () -> {
                        sleeper.join();
                    });
                    scope.spawn("reader", () -> {
                        try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort());
                             InputStream in = s.getInputStream()) {
                            in.read();
                        }
                    });
                    scope.join();
                }
            });
            try (Socket accepted = server.accept()) {
                String expected = """
                        loop weft-loop-N (idle), 6 tasks
                          scope 'loop'
                            task 'main' RUNNING, age _s: joins scope 'work' (5 tasks left)
                              scope 'work'
                                task 'holder' RUNNING, age _s: waits on Event[clear]@_
                                task 'locker' RUNNING, age _s: acquires Lock[locked, waiters=1]@_, held by task 'holder'
                                task 'sleeper' RUNNING, age _s [block: deadline in _s]: sleeps, due in _s
                                task 'joiner' RUNNING, age _s: joins task 'sleeper'
                                task 'reader' RUNNING, age _s: blocked in socket read (NioSocketImpl)
                        """;
                await().atMost(10, TimeUnit.SECONDS).untilAsserted(
                        () -> assertEquals(expected, normalise(loop.dumpTasks())));
                String json = loop.dumpTasksJson();
                assertTrue(json.startsWith("{\"loop\":\"" + loop.name() + "\",\"state\":\"idle\""), json);
                assertTrue(json.contains("{\"name\":\"locker\",\"thread\":\"" + loop.name() + "/locker\",\"state\":\"RUNNING\""), json);
                assertTrue(json.contains("\"waiting\":{\"kind\":\"join\",\"on\":\"joins task 'sleeper'\",\"waitsFor\":[\"sleeper\"]}"), json);
                assertTrue(json.contains("\"regions\":\"block: deadline in "), json);
                assertTrue(json.endsWith(",\"deadlocks\":[]}"), json);
                main.cancel("test over");
            }
        }
    }

    @Test
    void dumpShowsTheThreadAToThreadCallRunsOn() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Loop loop = Loop.open()) {
            Task<Object> offloader = loop.spawn("offloader", () -> Weft.toThread(() -> {
                inside.countDown();
                release.await();
                return null;
            }));
            inside.await();
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                String dump = loop.dumpTasks();
                assertTrue(dump.contains("task 'offloader' RUNNING") && dump.contains("toThread work on thread '"), dump);
            });
            release.countDown();
            offloader.join();
        }
    }

    @Test
    void dumpPointsOutATaskJoiningAnotherThatWaitsOnItsLock() {
        try (Loop loop = Loop.open()) {
            Lock lock = Lock.create();
            loop.spawn("a", () -> {
                try (TaskScope scope = TaskScope.open("a's work")) {
                    lock.acquire();
                    Task<Void> b = scope.spawn("b", () -> lock.acquire());
                    b.join();
                }
            });
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                String dump = normalise(loop.dumpTasks());
                assertTrue(dump.endsWith("DEADLOCK: task 'a' joins task 'b' -> task 'b' acquires "
                        + "Lock[locked, waiters=1]@_, held by task 'a' -> task 'a'\n"), dump);
            });
            String json = loop.dumpTasksJson();
            assertTrue(json.endsWith(",\"deadlocks\":[[\"a\",\"b\"]]}"), json);
        }
    }

    @Test
    void tasksListsOnlyLiveTasksWhateverOrderChildrenEndIn() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Event endA = Event.create();
                Event endB = Event.create();
                Event endC = Event.create();
                Task<Void> a = scope.spawn("a", endA::awaitSet);
                Task<Void> b = scope.spawn("b", endB::awaitSet);
                Task<Void> c = scope.spawn("c", endC::awaitSet);
                endB.set(); // the middle one of the scope's list first, then the one after it
                b.join();
                endA.set();
                a.join();
                List<String> names = Weft.currentTask().loop().tasks().stream().map(Task::name).sorted().toList();
                assertEquals(List.of("c", "main"), names.stream().filter(n -> !n.startsWith("Task-")).toList(),
                        "a finished task is still listed: " + names);
                endC.set();
                c.join();
                scope.join();
            }
        });
    }
}
