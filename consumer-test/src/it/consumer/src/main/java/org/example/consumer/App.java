package org.example.consumer;

import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.time.Duration;

/**
 * A TaskScope program. With the argument {@code lose-a-failure} it also lets a task fail without
 * anyone retrieving the failure: with no SLF4J provider on the path, Weft must still report it.
 */
public final class App {
    public static void main(String[] args) {
        String result = Weft.run(() -> {
            try (TaskScope scope = TaskScope.open()) {
                Task<String> a = scope.spawn(() -> after(Duration.ofMillis(20), "a"));
                Task<String> b = scope.spawn(() -> after(Duration.ofMillis(10), "b"));
                scope.join();
                return a.resultNow() + b.resultNow();
            }
        });
        System.out.println("result " + result);
        if (args.length > 0 && args[0].equals("lose-a-failure")) {
            Weft.run(() -> {
                try (TaskScope scope = TaskScope.openSupervisor()) {
                    scope.spawn("forgotten", () -> {
                        throw new IllegalStateException("nobody retrieved me");
                    });
                    scope.join();
                }
            });
            System.out.println("done");
        }
    }

    static String after(Duration delay, String value) {
        Weft.sleep(delay);
        return value;
    }
}
