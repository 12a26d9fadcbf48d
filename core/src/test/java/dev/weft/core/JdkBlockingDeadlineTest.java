package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deadlines and cancellation around plain JDK blocking calls: when Weft's own deadline or
 * cancellation interrupted the call, the block's verdict is the one a Weft call would get; and
 * {@code Weft.await} makes a JDK future a cancellation point.
 */
@Timeout(20)
class JdkBlockingDeadlineTest {
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void failAfterAroundThreadSleepThrowsDeadlineExceeded() throws Exception {
        Weft.run(() -> {
            DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                    () -> Weft.failAfter(SHORT, () -> Thread.sleep(LONG)));
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertFalse(Thread.currentThread().isInterrupted(), "the block's interrupt outlived it");
            Weft.sleep(Duration.ofMillis(1)); // the task is not cancelled
        });
    }

    @Test
    void moveOnAfterAroundBlockingQueueTakeReturnsFalse() throws Exception {
        Weft.run(() -> {
            LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
            assertFalse(Weft.moveOnAfter(SHORT, () -> queue.take()));
            assertFalse(Thread.currentThread().isInterrupted());
        });
    }

    @Test
    void failAfterAroundFutureGetThrowsDeadlineExceeded() throws Exception {
        Weft.run(() -> {
            CompletableFuture<String> never = new CompletableFuture<>();
            assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(SHORT, () -> never.get()));
        });
    }

    @Test
    void socketReadUnderADeadlineGivesTheDeadlinesVerdict() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Weft.run(() -> {
                try (Socket a = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                        Socket b = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    // the JDK closes a virtual thread's socket when it interrupts its read
                    assertThrows(DeadlineExceededException.class,
                            () -> Weft.failAfter(SHORT, () -> a.getInputStream().read()));
                    assertFalse(Weft.moveOnAfter(SHORT, () -> b.getInputStream().read()));
                }
            });
        }
    }

    @Test
    void outerCancellationAroundAJdkCallIsACancellation() {
        DeadlineNestingTest.assertOutsideCancellationIsACancellation(() -> Thread.sleep(LONG));
    }

    @Test
    void anInterruptWeftDidNotCauseEscapesUnchanged() throws Exception {
        Weft.run(() -> {
            Thread me = Thread.currentThread();
            InterruptedException e = assertThrows(InterruptedException.class, () -> Weft.failAfter(LONG, () -> {
                Thread.ofPlatform().start(me::interrupt);
                Thread.sleep(LONG);
            }));
            assertFalse(e instanceof Exception && e.getCause() instanceof CancelledException);
        });
    }

    @Test
    void httpClientSendUnderFailAfterTimesOutAgainstAServerThatNeverAnswers() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        Socket s = server.accept(); // accept, read nothing, never answer
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/never");
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpRequest request = HttpRequest.newBuilder(uri).build();
                Weft.run(() -> {
                    Loop loop = Loop.current();
                    long start = loop.time();
                    Duration timeout = Duration.ofMillis(200);
                    assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(timeout,
                            () -> client.send(request, HttpResponse.BodyHandlers.ofString())));
                    assertTrue(loop.time() - start >= timeout.toNanos());
                    assertFalse(Weft.moveOnAfter(timeout,
                            () -> client.send(request, HttpResponse.BodyHandlers.ofString())));
                });
            } finally {
                server.close();
                acceptor.join();
                synchronized (accepted) {
                    for (Socket s : accepted) {
                        s.close();
                    }
                }
            }
        }
    }

    // ---- Weft.await -----------------------------------------------------------------------

    @Test
    void awaitReturnsTheValueOfACompletionStage() throws Exception {
        Weft.run(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            Loop.current().callLater(Duration.ofMillis(5), () -> cf.complete("v"));
            assertEquals("v", Weft.await(cf));
            assertEquals("w", Weft.await(CompletableFuture.completedFuture("w").minimalCompletionStage()));
        });
    }

    @Test
    void awaitThrowsTheFailureUnwrapped() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        IOException io = new IOException("io");
        Weft.run(() -> {
            CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> {
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalStateException.class, () -> Weft.await(failed)));
            TaskFailedException wrapped = assertThrows(TaskFailedException.class,
                    () -> Weft.await(CompletableFuture.failedFuture(io)));
            assertSame(io, wrapped.getCause());
            CompletableFuture<String> cancelled = new CompletableFuture<>();
            cancelled.cancel(false);
            assertThrows(CancelledException.class, () -> Weft.await(cancelled));
        });
    }

    @Test
    void awaitUnderADeadlineTimesOutAndCancelsTheFuture() throws Exception {
        Weft.run(() -> {
            CompletableFuture<String> never = new CompletableFuture<>();
            assertThrows(DeadlineExceededException.class, () -> Weft.failAfter(SHORT, () -> Weft.await(never)));
            assertTrue(never.isCancelled(), "the future was left running");
        });
    }

    @Test
    void awaitOfAPlainFutureIsACancellationPointAndCancelsIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> slow = pool.submit(() -> {
                Thread.sleep(LONG);
                return "late";
            });
            Weft.run(() -> {
                assertFalse(Weft.moveOnAfter(SHORT, () -> Weft.await(slow)));
                assertTrue(slow.isCancelled());
                assertEquals("quick", Weft.await(pool.submit(() -> "quick")));
            });
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void awaitOutsideATaskSaysItNeedsOne() {
        NoRunningLoopException e = assertThrows(NoRunningLoopException.class,
                () -> Weft.await(CompletableFuture.completedFuture(1)));
        assertTrue(e.getMessage().contains("Weft.await"), e.getMessage());
    }

    @Test
    void awaitOfAFutureThatAlreadyHasItsValueReturnsIt() throws Exception {
        Weft.run(() -> {
            assertEquals(3, Weft.await((Future<Integer>) CompletableFuture.completedFuture(3)));
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> 4);
                assertEquals(4, Weft.await((Future<Integer>) t));
                scope.join();
            }
        });
    }
}
