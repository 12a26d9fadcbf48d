package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rule of {@link TaskScope#close()}: tasks still running at close are cancelled and awaited;
 * if they were spawned after the last join() (and nothing else is failing or cancelled), close
 * reports the missing join with an IllegalStateException.
 */
@Timeout(10)
class TaskScopeCloseRuleTest {

    @Test
    void closeWithoutJoinWhileTasksRunCancelsThemAndThrows() {
        AtomicReference<Task<Void>> child = new AtomicReference<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weft.run(() -> {
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.open("forgetful")) {
                child.set(scope.spawn(() -> {
                    started.complete(null);
                    Weft.sleep(Duration.ofMinutes(1));
                }));
                started.join();
            }
        }));
        assertTrue(e.getMessage().contains("without join()"), e.getMessage());
        assertTrue(e.getMessage().contains("forgetful"), e.getMessage());
        assertEquals(Task.State.CANCELLED, child.get().state());
    }

    @Test
    void closeAfterJoinIsQuiet() {
        assertEquals(1, Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> 1);
                scope.join();
                return t.resultNow();
            }
        }));
    }

    @Test
    void spawnAfterJoinThenCloseWhileItRunsThrows() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weft.run(() -> {
            Promise<Void> started = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> 1);
                scope.join();
                scope.spawn(() -> {
                    started.complete(null);
                    Weft.sleep(Duration.ofMinutes(1));
                });
                started.join();
            }
        }));
        assertTrue(e.getMessage().contains("without join()"), e.getMessage());
    }

    @Test
    void closeWithoutJoinAfterTasksFinishedIsQuiet() {
        Weft.run(() -> {
            Promise<Void> finished = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> t = scope.spawn(() -> 1);
                t.onDone(x -> finished.complete(null));
                finished.join();
            }
        });
    }

    @Test
    void closeIsQuietWhenTheOwnerIsBeingCancelled() {
        Weft.run(() -> {
            Promise<Void> ownerInside = Promise.create();
            try (TaskScope outer = TaskScope.open()) {
                Task<Void> owner = outer.spawn(() -> {
                    try (TaskScope scope = TaskScope.open()) {
                        scope.spawn(() -> Weft.sleep(Duration.ofMinutes(1)));
                        ownerInside.complete(null);
                        Weft.sleep(Duration.ofMinutes(1));
                    }
                });
                ownerInside.join();
                owner.cancel("shutting down");
                outer.join();
                assertEquals(Task.State.CANCELLED, owner.state(), "close() must not turn a cancellation into an error");
            }
        });
    }

    @Test
    void closeIsIdempotent() {
        Weft.run(() -> {
            TaskScope scope = TaskScope.open();
            scope.spawn(() -> 1);
            scope.join();
            scope.close();
            scope.close();
        });
    }

    @Test
    void spawnIntoAClosedScopeIsAClearError() {
        Weft.run(() -> {
            TaskScope scope;
            try (TaskScope s = TaskScope.open("done-scope")) {
                scope = s;
                s.join();
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.spawn(() -> 1));
            assertTrue(e.getMessage().contains("it is closed"), e.getMessage());
            assertTrue(e.getMessage().contains("done-scope"), e.getMessage());
        });
    }

    @Test
    void joinOrCloseByAnotherTaskIsAnError() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<IllegalStateException> joiner = scope.spawn("joiner",
                        () -> assertThrows(IllegalStateException.class, scope::join));
                Task<IllegalStateException> closer = scope.spawn("closer",
                        () -> assertThrows(IllegalStateException.class, scope::close));
                scope.join();
                String joined = joiner.resultNow().getMessage();
                String closed = closer.resultNow().getMessage();
                assertTrue(joined.contains("may only be called by"), joined);
                assertTrue(joined.contains("not by task 'joiner'"), "the message does not name the caller: " + joined);
                assertTrue(closed.contains("may only be called by"), closed);
                assertTrue(closed.contains("not by task 'closer'"), "the message does not name the caller: " + closed);
            }
        });
    }

    @Test
    void closingAnOuterScopeBeforeTheInnerOneIsAnError() {
        Weft.run(() -> {
            TaskScope outer = TaskScope.open("outer");
            TaskScope inner = TaskScope.open("inner");
            IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
            assertTrue(e.getMessage().contains("reverse order"), e.getMessage());
            inner.close();
            outer.close();
        });
    }

    @Test
    void closingAScopeInsideABlockOpenedAfterItIsAClearError() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open("outer-scope")) {
                scope.join();
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> Weft.moveOnAfter(Duration.ofMinutes(1), scope::close));
                assertTrue(e.getMessage().contains("'outer-scope' closed inside a block opened after it"), e.getMessage());
            } // and closing it where it belongs still works
        });
    }

    @Test
    void joinFromAThreadThatIsNotATaskNamesTheThread() throws Exception {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open("owned")) {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread outsider = Thread.ofPlatform().name("outsider").start(() -> {
                    try {
                        scope.join();
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                });
                outsider.join();
                assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
                assertTrue(thrown.get().getMessage().contains("not by thread 'outsider'"), thrown.get().getMessage());
            }
        });
    }
}
