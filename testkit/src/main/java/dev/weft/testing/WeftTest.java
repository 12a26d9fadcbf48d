package dev.weft.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test that runs as the main task of its own {@link dev.weft.core.testing.TestLoop}: a
 * confined loop on virtual time, so sleeps and timeouts of any length take no real time. Use it
 * instead of {@code @Test}; declare a {@code TestLoop} parameter to get the loop (for
 * {@code now()}, {@code advance}, {@code awaitAllBlocked}).
 *
 * <pre>{@code
 * class RetryTest {
 *     @WeftTest
 *     void givesUpAfterAnHour(TestLoop loop) {
 *         assertThrows(DeadlineExceededException.class,
 *                 () -> Weft.failAfter(Duration.ofHours(1), () -> retryForever()));
 *         assertEquals(Duration.ofHours(1).toNanos(), loop.now());
 *     }
 * }
 * }</pre>
 *
 * The test fails if it returns while a task it spawned on the loop (not in a {@code TaskScope}
 * it closed) is still running; those tasks are then cancelled. {@code @BeforeEach} and
 * {@code @AfterEach} methods run on JUnit's thread, outside the loop. The same behaviour comes
 * from {@code @ExtendWith(WeftExtension.class)} on a class, for each of its {@code @Test}s.
 *
 * <p>The loop is confined, so the test JVM needs {@code --add-opens java.base/java.lang=dev.weft.core}
 * on the module path, or {@code =ALL-UNNAMED} on the class path (see the README's "Use it").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(WeftExtension.class)
public @interface WeftTest {
    /**
     * Ready tasks run in an order drawn from this seed (one value), so an interleaving can be
     * replayed; empty (the default) runs them first in, first out.
     */
    long[] seed() default {};

    /**
     * Whether the clock jumps to the next timer when every task is blocked (the default). With
     * {@code false} it moves only through {@code TestLoop.advance}: use that when the test waits
     * for real IO (a socket, a process), which the loop cannot tell from a task that is idle.
     */
    boolean autojump() default true;
}
