package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** asyncio's promise on a confined loop: tasks switch only where they block. */
class ConfinedLoopGuaranteeTest {
    private static int counter;

    @RepeatedTest(5)
    void readModifyWriteOfAPlainFieldIsExactWithBlockingCallsBetweenUpdates() {
        counter = 0;
        int tasks = 200;
        int rounds = 200;
        Weft.run(LoopOptions.confined(), () -> {
            try (var scope = TaskScope.open()) {
                for (int i = 0; i < tasks; i++) {
                    scope.spawn(() -> {
                        for (int r = 0; r < rounds; r++) {
                            int seen = counter;      // read
                            counter = seen + 1;      // modify-write: no blocking call in between
                            if (r % 2 == 0) {
                                Weft.yieldNow();     // a switch point between updates
                            } else {
                                Weft.sleep(Duration.ofNanos(1));
                            }
                        }
                    });
                }
                scope.join();
            }
        });
        assertEquals(tasks * rounds, counter);
    }

    @Test
    void taskBlockedInJdkThreadSleepDoesNotStopTheOtherTasks() throws Exception {
        List<String> events = Weft.run(LoopOptions.confined(), () -> {
            List<String> log = new ArrayList<>();
            CountDownLatch sleeperStarted = new CountDownLatch(1);
            try (var scope = TaskScope.open()) {
                Task<Void> sleeper = scope.spawn(() -> {
                    sleeperStarted.countDown();
                    Thread.sleep(Duration.ofHours(1));   // a JDK blocking call, not Weft's
                });
                sleeperStarted.await();
                for (int i = 0; i < 3; i++) {
                    log.add("tick " + i);
                    Weft.yieldNow();
                }
                sleeper.cancel("done");
                scope.join();
                log.add("sleeper " + sleeper.state());
            }
            return log;
        });
        assertEquals(List.of("tick 0", "tick 1", "tick 2", "sleeper CANCELLED"), events);
    }

    @Test
    void taskBlockedInJdkSocketReadDoesNotStopTheOtherTasks() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String result = Weft.run(LoopOptions.confined(), () -> {
                try (var scope = TaskScope.open();
                     Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                     Socket accepted = server.accept()) {
                    Promise<String> otherTaskRan = Promise.create();
                    Task<Integer> reader = scope.spawn(() -> {
                        InputStream in = accepted.getInputStream();
                        return in.read();          // blocks: the peer has sent nothing yet
                    });
                    scope.spawn(() -> {
                        otherTaskRan.complete("ran while the reader was blocked");
                        client.getOutputStream().write(7);
                    });
                    String message = otherTaskRan.join();
                    scope.join();
                    return message + ", then read " + reader.resultNow();
                }
            });
            assertEquals("ran while the reader was blocked, then read 7", result);
        }
    }

    @Test
    void confinedLoopRunsEveryTaskOnOneCarrierAndReportsItsOptions() {
        Weft.run(LoopOptions.confined(), () -> {
            assertTrue(Loop.current().options().isConfined());
            assertTrue(Thread.currentThread().isVirtual());
        });
    }
}
