package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Loop;
import dev.weft.core.ReturnWhen;
import dev.weft.core.Task;
import dev.weft.core.Weft;
import com.cronutils.model.time.ExecutionTime;
import dev.weft.core.testing.TestLoop;
import dev.weft.examples.Cron.Job;
import dev.weft.examples.Cron.Overrun;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cron schedule on TestLoop's virtual time (hours in milliseconds), and the example's command line. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CronExampleTest {
    /** Virtual time 0 is this instant. */
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** Runs the schedule on {@code test}'s virtual clock, which starts at {@link #START}, and returns its log. */
    private static List<String> schedule(TestLoop test, String expression, ZoneId zone, int runs, Overrun overrun, Job job) {
        return schedule(test, START, expression, zone, runs, overrun, job);
    }

    private static List<String> schedule(TestLoop test, ZonedDateTime start, String expression, ZoneId zone, int runs, Overrun overrun, Job job) {
        ExecutionTime times = Cron.parse(expression);    // off the loop: cron-utils' first parse loads many classes
        List<String> log = new ArrayList<>();
        test.run(() -> Cron.schedule(times, () -> start.withZoneSameInstant(zone).plusNanos(test.now()), runs, overrun, job, log::add));
        return log;
    }

    private static Job taking(Duration time) {
        return (number, due) -> Weft.sleep(time);
    }

    @Test
    void runsAtEachTimeTheExpressionNames() {
        try (TestLoop test = TestLoop.open()) {
            List<String> log = schedule(test, "*/10 * * * * *", ZoneOffset.UTC, 3, Overrun.SKIP, taking(Duration.ofSeconds(1)));
            assertEquals(List.of(
                    "run 1 started at 2026-01-01 00:00:10 (due 2026-01-01 00:00:10)",
                    "run 1 ended at 2026-01-01 00:00:11",
                    "run 2 started at 2026-01-01 00:00:20 (due 2026-01-01 00:00:20)",
                    "run 2 ended at 2026-01-01 00:00:21",
                    "run 3 started at 2026-01-01 00:00:30 (due 2026-01-01 00:00:30)",
                    "run 3 ended at 2026-01-01 00:00:31",
                    "cron stopped: 3 runs started, 0 skipped"), log);
            assertEquals(Duration.ofSeconds(31).toNanos(), test.now());
        }
    }

    @Test
    void runsFallOnWholeSecondsWhenTheClockStartsBetweenThem() {
        try (TestLoop test = TestLoop.open()) {
            List<String> log = schedule(test, START.plusNanos(Duration.ofMillis(400).toNanos()), "* * * * * *",
                    ZoneOffset.UTC, 2, Overrun.SKIP, taking(Duration.ZERO));
            assertEquals("run 2 started at 2026-01-01 00:00:02 (due 2026-01-01 00:00:02)", log.get(2));
            assertEquals(Duration.ofMillis(1600).toNanos(), test.now(), "run 2 is due at 00:00:02.000, 1.6 s after 00:00:00.400");
        }
    }

    @Test
    void skipDropsRunsThatFallDueWhileOneIsRunning() {
        try (TestLoop test = TestLoop.open()) {
            List<String> log = schedule(test, "*/10 * * * * *", ZoneOffset.UTC, 2, Overrun.SKIP, taking(Duration.ofSeconds(25)));
            assertEquals(List.of(
                    "run 1 started at 2026-01-01 00:00:10 (due 2026-01-01 00:00:10)",
                    "skipped the run due at 2026-01-01 00:00:20: run 1 is still running",
                    "skipped the run due at 2026-01-01 00:00:30: run 1 is still running",
                    "run 1 ended at 2026-01-01 00:00:35",
                    "run 2 started at 2026-01-01 00:00:40 (due 2026-01-01 00:00:40)",
                    "run 2 ended at 2026-01-01 00:01:05",
                    "cron stopped: 2 runs started, 2 skipped"), log);
        }
    }

    @Test
    void queueStartsAnOverrunRunWhenTheOneBeforeEnds() {
        try (TestLoop test = TestLoop.open()) {
            List<String> log = schedule(test, "*/10 * * * * *", ZoneOffset.UTC, 3, Overrun.QUEUE, taking(Duration.ofSeconds(25)));
            assertEquals(List.of(
                    "run 1 started at 2026-01-01 00:00:10 (due 2026-01-01 00:00:10)",
                    "run 1 ended at 2026-01-01 00:00:35",
                    "run 2 started at 2026-01-01 00:00:35 (due 2026-01-01 00:00:20)",
                    "run 2 ended at 2026-01-01 00:01:00",
                    "run 3 started at 2026-01-01 00:01:00 (due 2026-01-01 00:00:30)",
                    "run 3 ended at 2026-01-01 00:01:25",
                    "cron stopped: 3 runs started, 0 skipped"), log);
        }
    }

    @Test
    void theZoneDecidesWhenACrontabLineFires() {
        // 09:00 every day; the clock starts at 00:00 UTC, which is 09:00 in Tokyo
        try (TestLoop test = TestLoop.open()) {
            List<String> log = schedule(test, "0 9 * * *", ZoneId.of("Asia/Tokyo"), 1, Overrun.SKIP, taking(Duration.ZERO));
            assertEquals("run 1 started at 2026-01-02 09:00:00 (due 2026-01-02 09:00:00)", log.get(0));
            assertEquals(Duration.ofHours(24).toNanos(), test.now());
        }
        try (TestLoop test = TestLoop.open()) {
            List<String> log = schedule(test, "0 9 * * *", ZoneOffset.UTC, 1, Overrun.SKIP, taking(Duration.ZERO));
            assertEquals("run 1 started at 2026-01-01 09:00:00 (due 2026-01-01 09:00:00)", log.get(0));
            assertEquals(Duration.ofHours(9).toNanos(), test.now());
        }
    }

    @Test
    void aFailingRunIsReportedAndTheScheduleGoesOn() {
        try (TestLoop test = TestLoop.open()) {
            List<String> log = schedule(test, "0 * * * *", ZoneOffset.UTC, 2, Overrun.SKIP, (number, due) -> {
                if (number == 1) {
                    throw new IllegalStateException("the backup disk is full");
                }
            });
            assertEquals(List.of(
                    "run 1 started at 2026-01-01 01:00:00 (due 2026-01-01 01:00:00)",
                    "run 1 failed at 2026-01-01 01:00:00: java.lang.IllegalStateException: the backup disk is full",
                    "run 2 started at 2026-01-01 02:00:00 (due 2026-01-01 02:00:00)",
                    "run 2 ended at 2026-01-01 02:00:00",
                    "cron stopped: 2 runs started, 0 skipped"), log);
        }
    }

    @Test
    void cancellingTheScheduleCancelsTheRunningJobAndEndsCleanly() {
        try (TestLoop test = TestLoop.open()) {
            List<String> log = new ArrayList<>();
            test.run(() -> {
                Task<Void> cron = Loop.current().spawn("cron", () -> Cron.schedule(Cron.parse("*/10 * * * * *"),
                        () -> START.plusNanos(test.now()), 0, Overrun.SKIP, taking(Duration.ofHours(1)), log::add));
                Weft.sleep(Duration.ofSeconds(15));      // run 1 started at 10 s and runs for an hour
                cron.cancel("Ctrl+C");
                Weft.wait(List.of(cron), ReturnWhen.ALL_COMPLETED);
                assertEquals(Future.State.CANCELLED, cron.state());
            });
            assertEquals(List.of(
                    "run 1 started at 2026-01-01 00:00:10 (due 2026-01-01 00:00:10)",
                    "run 1 cancelled at 2026-01-01 00:00:15",
                    "cron stopped: 1 runs started, 0 skipped"), log);
            assertEquals(Duration.ofSeconds(15).toNanos(), test.now());
        }
    }

    @Test
    void ctrlCCancelsTheRunningJobAndStopsCleanly() throws Exception {
        try (ExampleProcess cron = ExampleProcess.start(Cron.class, "* * * * * *", "--job-seconds", "60")) {
            for (String line; (line = cron.nextLine()) != null && !line.startsWith("run 1 started"); ) {
                // the banner
            }
            new ProcessBuilder("kill", "-INT", Long.toString(cron.process.pid())).inheritIO().start().waitFor();
            assertEquals(130, cron.awaitExit(), "output: " + cron.lines);
            assertTrue(cron.lines.stream().anyMatch(l -> l.startsWith("run 1 cancelled at ")), cron.lines.toString());
            assertTrue(cron.lines.contains("cron stopped: 1 runs started, " + skippedIn(cron.lines) + " skipped"), cron.lines.toString());
        }
    }

    private static long skippedIn(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("skipped the run")).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * *", "61 * * * *", "* * * * * --overrun never", "* * * * * --zone Mars/Olympus",
            "* * * * * --runs -1", "* * * * * --job-seconds soon"})
    void badArgumentsAreRejectedWithAMessage(String args) {
        List<String> words = new ArrayList<>();
        int options = args.indexOf(" --");
        String expression = options < 0 ? args : args.substring(0, options);
        if (!expression.isEmpty()) {
            words.add(expression);
        }
        if (options >= 0) {
            words.addAll(List.of(args.substring(options + 1).split(" ")));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cron.parseArgs(words.toArray(String[]::new)));
        assertTrue(!e.getMessage().isBlank(), args);
    }

    @Test
    void badArgumentsPrintTheUsageAndExitTwo() throws Exception {
        try (ExampleProcess cron = ExampleProcess.start(Cron.class, "* * * * *", "--overrun", "never")) {
            assertEquals(2, cron.awaitExit(), "output: " + cron.lines);
            assertEquals(List.of("cron: --overrun takes skip or queue, not 'never'; usage: " + Cron.USAGE), cron.lines);
        }
    }
}
