package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** TaskLocal and MDC copying, and the task queries. */
@Timeout(10)
class TaskLocalContextTest {
    private static final TaskLocal<String> REQUEST = TaskLocal.of("request", "-");

    @Test
    void childSeesTheParentsValueAtSpawnTime() {
        Weft.run(() -> {
            REQUEST.set("r-42");
            try (TaskScope scope = TaskScope.open()) {
                Task<String> child = scope.spawn(REQUEST::get);
                Task<String> grandchild = scope.spawn(() -> scope.spawn(REQUEST::get).join());
                scope.join();
                assertEquals("r-42", child.resultNow());
                assertEquals("r-42", grandchild.resultNow());
            }
        });
    }

    @Test
    void valuesAreIsolatedAfterSpawn() {
        Weft.run(() -> {
            REQUEST.set("parent-1");
            Promise<Void> parentChanged = Promise.create();
            Promise<Void> childChanged = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<String> child = scope.spawn(() -> {
                    parentChanged.join();
                    String seen = REQUEST.get();
                    REQUEST.set("child");
                    childChanged.complete(null);
                    return seen;
                });
                REQUEST.set("parent-2");
                parentChanged.complete(null);
                childChanged.join();
                assertEquals("parent-2", REQUEST.get(), "the child's set leaked into the parent");
                scope.join();
                assertEquals("parent-1", child.resultNow(), "the parent's later set leaked into the child");
            }
        });
    }

    @Test
    void defaultAndInitialValues() {
        AtomicInteger computed = new AtomicInteger();
        TaskLocal<Integer> counter = TaskLocal.withInitial("counter", computed::incrementAndGet);
        assertEquals("-", REQUEST.get(), "outside a task the default is returned");
        Weft.run(() -> {
            assertEquals("-", REQUEST.get());
            int first = counter.get();
            assertEquals(first, counter.get(), "initial value computed once per task");
            try (TaskScope scope = TaskScope.open()) {
                Task<Integer> child = scope.spawn(counter::get);
                scope.join();
                assertEquals(first, child.resultNow(), "a value computed before spawn is copied");
            }
        });
        assertEquals("counter", counter.name());
    }

    @Test
    void setOutsideATaskIsAClearError() {
        NoRunningLoopException e = assertThrows(NoRunningLoopException.class, () -> REQUEST.set("x"));
        assertTrue(e.getMessage().contains("TaskLocal.set(request)"), e.getMessage());
    }

    @Test
    void mdcIsCarriedIntoChildTasks() {
        Weft.run(() -> {
            MDC.put("user", "alice");
            try (TaskScope scope = TaskScope.open()) {
                Task<String> child = scope.spawn(() -> MDC.get("user"));
                Task<String> grandchild = scope.spawn(() -> scope.spawn(() -> MDC.get("user")).join());
                scope.join();
                assertEquals("alice", child.resultNow());
                assertEquals("alice", grandchild.resultNow());
            }
            MDC.remove("user");
            try (TaskScope scope = TaskScope.open()) {
                Task<String> child = scope.spawn(() -> MDC.get("user"));
                scope.join();
                assertNull(child.resultNow());
            }
        });
    }

    @Test
    void mdcChangesInAChildDoNotLeakIntoTheParent() {
        Weft.run(() -> {
            MDC.put("user", "alice");
            try (TaskScope scope = TaskScope.open()) {
                scope.spawn(() -> MDC.put("user", "bob"));
                scope.join();
            }
            assertEquals("alice", MDC.get("user"));
        });
    }

    @Test
    void currentTaskIsTheTaskRunningTheCode() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Task<?>> t = scope.spawn("me", Weft::currentTask);
                scope.join();
                assertEquals(t, t.resultNow());
                assertEquals("me", t.resultNow().name());
            }
        });
    }

    @Test
    void loopTasksListsTheTasksNotYetDoneAcrossScopes() {
        Weft.run(() -> {
            Promise<Void> release = Promise.create();
            Promise<Void> deepStarted = Promise.create();
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> a = scope.spawn("a", () -> {
                    try (TaskScope inner = TaskScope.open()) {
                        inner.spawn("deep", () -> {
                            deepStarted.complete(null);
                            release.join();
                        });
                        inner.join();
                    }
                });
                deepStarted.join();
                List<String> names = Loop.current().tasks().stream().map(Task::name).sorted().toList();
                assertEquals(List.of("a", "deep", "main"), names);
                release.complete(null);
                scope.join();
                assertTrue(a.isDone());
                assertEquals(List.of(Weft.currentTask()), Loop.current().tasks());
            }
        });
    }

    @Test
    void childTaskDoesNotInheritTheParentsDeadline() {
        Weft.run(() -> Weft.failAfter(Duration.ofSeconds(30), () -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Long> t = scope.spawn(() -> CancelScope.current().deadline());
                scope.join();
                assertEquals(Long.MAX_VALUE, t.resultNow(), "a child's own scope has no deadline of its own");
            }
        }));
    }
}
