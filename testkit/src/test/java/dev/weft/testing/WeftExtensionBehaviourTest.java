package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.core.Loop;
import dev.weft.core.Task;
import dev.weft.core.Weft;
import dev.weft.core.testing.TestLoop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** @WeftTest and WeftExtension, proven by running sample test classes through JUnit's launcher. */
@Timeout(60)
class WeftExtensionBehaviourTest {
    static final AtomicReference<TestLoop> SEEN = new AtomicReference<>();

    /** Samples run by the launcher below, not by surefire (a nested class). */
    static class Samples {
        @WeftTest
        void sleepsAnHourOnVirtualTime(TestLoop loop) {
            Weft.sleep(Duration.ofHours(1));
            assertEquals(Duration.ofHours(1).toNanos(), loop.now());
        }

        @WeftTest
        void runsAsATaskOfItsLoop(TestLoop loop) {
            assertSame(loop.loop(), Loop.current());
            TestLoop previous = SEEN.getAndSet(loop);
            if (previous != null) {
                assertNotSame(previous, loop, "each test gets its own loop");
            }
        }

        @WeftTest
        void leavesATaskRunning(TestLoop loop) {
            loop.loop().spawn("forgotten", () -> Weft.sleep(Duration.ofDays(1)));
        }

        @WeftTest
        void failsItsOwnAssertion() {
            fail("the test's own failure");
        }

        @WeftTest(autojump = false)
        void movesTheClockByHandWhenAutojumpIsOff(TestLoop loop) {
            Task<Void> sleeper = loop.loop().spawn(() -> Weft.sleep(Duration.ofSeconds(5)));
            loop.awaitAllBlocked();
            assertEquals(0, loop.now());
            loop.advance(Duration.ofSeconds(5));
            sleeper.join();
            assertEquals(Duration.ofSeconds(5).toNanos(), loop.now());
        }

        @WeftTest(seed = 7)
        void takesASeed(TestLoop loop) {
            assertTrue(loop.loop().options().seed() != null, "seeded loop expected: " + loop.loop().options());
        }
    }

    /** The extension on a class applies to its plain @Test methods. */
    @ExtendWith(WeftExtension.class)
    static class ExtendedSamples {
        @Test
        void plainTestRunsOnTheLoop(TestLoop loop) {
            assertSame(loop.loop(), Loop.current());
            Weft.sleep(Duration.ofDays(365));
        }
    }

    private static Map<String, TestExecutionResult> run(Class<?> samples) {
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(samples)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                                .ifPresent(m -> results.put(m.getMethodName(), result));
                    }
                });
        return results;
    }

    private static void assertPassed(Map<String, TestExecutionResult> results, String name) {
        TestExecutionResult r = results.get(name);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.getStatus(), name + ": " + r.getThrowable());
    }

    @Test
    void eachTestRunsOnItsOwnVirtualTimeLoopAndFailsIfItLeavesATask() {
        Map<String, TestExecutionResult> results = run(Samples.class);
        assertEquals(6, results.size(), results.toString());
        assertPassed(results, "sleepsAnHourOnVirtualTime");
        assertPassed(results, "runsAsATaskOfItsLoop");
        assertPassed(results, "movesTheClockByHandWhenAutojumpIsOff");
        assertPassed(results, "takesASeed");

        TestExecutionResult leaked = results.get("leavesATaskRunning");
        assertEquals(TestExecutionResult.Status.FAILED, leaked.getStatus());
        String message = leaked.getThrowable().orElseThrow().getMessage();
        assertTrue(message.contains("1 task(s) still running") && message.contains("forgotten"), message);

        TestExecutionResult own = results.get("failsItsOwnAssertion");
        assertEquals(TestExecutionResult.Status.FAILED, own.getStatus());
        assertEquals("the test's own failure", own.getThrowable().orElseThrow().getMessage());
    }

    @Test
    void extendWithOnAClassRunsItsPlainTestsOnAVirtualTimeLoop() {
        Map<String, TestExecutionResult> results = run(ExtendedSamples.class);
        assertPassed(results, "plainTestRunsOnTheLoop");
    }
}
