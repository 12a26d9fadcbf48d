package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lock, semaphore and condition waiters granted as they are cancelled: with the documented
 * pattern (release in {@code finally} after the acquire returned) nothing is kept by a
 * cancelled task, and no signal or permit is lost.
 */
@Timeout(120)
class PermitCancellationRaceTest {
    private static final int ROUNDS = 200;

    @Test
    void aGrantRacingACancellationIsReleasedByTheDocumentedPattern() {
        Weft.run(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                Lock lock = Lock.create();
                Semaphore sem = Semaphore.create(1);
                lock.acquire();
                sem.acquire();
                List<Task<Void>> waiters = new ArrayList<>();
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    for (int i = 0; i < 3; i++) {
                        waiters.add(scope.spawn(() -> {
                            lock.acquire();
                            try {
                                sem.acquire();
                                try {
                                    Weft.checkCancelled();
                                } finally {
                                    sem.release();
                                }
                            } finally {
                                lock.release();
                            }
                            return null;
                        }));
                    }
                    Weft.sleep(java.time.Duration.ZERO);
                    Task<Void> victim = waiters.get(round % 3);
                    if (round % 2 == 0) {
                        lock.release();
                        victim.cancel("race");
                        sem.release();
                    } else {
                        victim.cancel("race");
                        sem.release();
                        lock.release();
                    }
                    scope.join();
                }
                assertFalse(lock.isLocked(), "round " + round + ": a cancelled task kept the lock");
                assertEquals(1, sem.available(), "round " + round + ": permits not conserved");
            }
        });
    }

    @Test
    void aSignalRacingACancellationReacquiresTheLockAndIsNotLost() {
        Weft.run(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                Condition cond = Condition.create();
                Lock lock = cond.lock();
                int[] state = {0};
                int[] woke = {0};
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    List<Task<Void>> waiters = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        waiters.add(scope.spawn(() -> {
                            lock.acquire();
                            try {
                                cond.awaitUntil(() -> state[0] > 0);
                                woke[0]++;
                            } finally {
                                lock.release();
                            }
                            return null;
                        }));
                    }
                    Weft.sleep(java.time.Duration.ZERO);
                    Task<Void> victim = waiters.get(round % 2);
                    lock.acquire();
                    try {
                        state[0] = 1;
                        if (round % 4 < 2) {
                            victim.cancel("race");
                        }
                        cond.signal();
                        if (round % 4 >= 2) {
                            victim.cancel("race");
                        }
                    } finally {
                        lock.release();
                    }
                    Task<Void> other = waiters.get(1 - round % 2);
                    // the other waiter must wake: either it got the signal, or the victim got it
                    // (and returned as signalled) while the other one sees the state on a later
                    // signal; give that later signal, as a producer that keeps signalling would
                    Weft.sleep(java.time.Duration.ZERO);
                    lock.acquire();
                    try {
                        cond.signalAll();
                    } finally {
                        lock.release();
                    }
                    other.join();
                    scope.join();
                }
                assertFalse(lock.isLocked(), "round " + round + ": the condition's lock was kept");
            }
        });
    }
}
