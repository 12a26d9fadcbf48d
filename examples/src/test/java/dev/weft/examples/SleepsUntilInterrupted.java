package dev.weft.examples;

import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.time.Duration;

/** Child process of {@link CtrlCShutdownTest}: main and a child task sleep until cancelled. */
public final class SleepsUntilInterrupted {
    private SleepsUntilInterrupted() {}

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            try (var scope = TaskScope.open()) {
                scope.spawn(() -> {
                    try {
                        Weft.sleep(Duration.ofHours(1));
                    } finally {
                        System.out.println("child finally ran");
                    }
                });
                System.out.println("started");
                scope.join();
            } finally {
                System.out.println("main finally ran");
            }
        });
    }
}
