package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each task's virtual thread carries "loop name/task name", so thread dumps show the task. */
@Timeout(10)
class TaskThreadNameTest {

    private static String threadNameOfCurrentTask() {
        return Thread.currentThread().getName();
    }

    @Test
    void namedTaskThreadCarriesLoopAndTaskName() {
        Weft.run(() -> {
            String loop = Loop.current().name();
            assertTrue(loop.startsWith("weft-loop-"), loop);
            try (TaskScope scope = TaskScope.open()) {
                Task<String> t = scope.spawn("fetcher", TaskThreadNameTest::threadNameOfCurrentTask);
                assertEquals(loop + "/fetcher", t.join());
            }
            assertEquals(loop + "/main", Thread.currentThread().getName());
        });
    }

    @Test
    void unnamedTaskThreadCarriesItsDefaultName() {
        Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> t = scope.spawn(TaskThreadNameTest::threadNameOfCurrentTask);
                String name = t.join();
                assertTrue(t.name().startsWith("Task-"), t.name());
                assertEquals(Loop.current().name() + "/" + t.name(), name);
            }
        });
    }

    @Test
    void gatherTaskThreadsCarryTheirTaskNames() {
        Weft.run(() -> {
            List<String> names = Weft.gather(
                    () -> Thread.currentThread().getName() + "|" + Weft.currentTask().name(),
                    () -> Thread.currentThread().getName() + "|" + Weft.currentTask().name());
            for (String pair : names) {
                String[] parts = pair.split("\\|");
                assertTrue(parts[1].startsWith("Task-"), parts[1]);
                assertEquals(Loop.current().name() + "/" + parts[1], parts[0]);
            }
        });
    }
}
