package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code spawn(Action)} runs the action's {@code run()}, even for a body that is also a
 * {@link Callable}: the task holds an action body as it is, and must not mistake such a body for
 * a {@code Callable} and call {@code call()} instead.
 */
@Timeout(10)
class TaskScopeSpawnFormsTest {

    /** A body of both kinds, which records which of its methods ran. */
    private static final class Both implements Action<RuntimeException>, Callable<String> {
        final List<String> ran = new CopyOnWriteArrayList<>();

        @Override
        public void run() {
            ran.add("run");
        }

        @Override
        public String call() {
            ran.add("call");
            return "from call";
        }
    }

    @Test
    void spawnOfAnActionThatIsAlsoACallableRunsTheAction() {
        Both body = new Both();
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<Void> t = scope.spawn((Action<RuntimeException>) body);
                scope.join();
                assertNull(t.resultNow(), "an action's task has no result");
            }
        });
        assertEquals(List.of("run"), body.ran);
    }

    @Test
    void spawnOfACallableThatIsAlsoAnActionCallsIt() {
        Both body = new Both();
        String result = Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> t = scope.spawn((Callable<String>) body);
                scope.join();
                return t.resultNow();
            }
        });
        assertEquals("from call", result);
        assertEquals(List.of("call"), body.ran);
    }
}
