package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClockExampleTest {
    private static final String TICK = "The time: ";

    @Test
    void theClockTicksEverySecondUntilTheServiceHangsUpThenEverythingEnds() throws Throwable {
        ExampleRun run = ExampleRun.of(Clock::main, "--seconds", "2.5");
        List<String> lines = run.output().lines().toList();
        assertTrue(lines.get(0).matches("connected to the service at 127\\.0\\.0\\.1:\\d+; running until disconnected "
                + "\\(the service hangs up after 2\\.5 s\\)"), lines.get(0));
        // the clock task is cancelled before Weft.run returns: nothing ticks after the last line
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("disconnected after \\d+\\.\\d s; the loop cancels the clock task as it closes"),
                run.output());
        List<String> ticks = lines.subList(1, lines.size() - 1);
        ticks.forEach(t -> assertTrue(t.matches(TICK + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), t));
        // ticks at about 0, 1 and 2 s within 2.5 s (generous bounds)
        assertTrue(ticks.size() >= 2 && ticks.size() <= 4, "expected about 3 ticks: " + run.output());
        for (int i = 1; i < ticks.size(); i++) {
            Duration gap = Duration.between(time(ticks.get(i - 1)), time(ticks.get(i)));
            assertTrue(gap.compareTo(Duration.ofMillis(950)) >= 0 && gap.compareTo(Duration.ofMillis(1900)) < 0,
                    "ticks should be about a second apart: " + run.output());
        }
        assertTrue(run.elapsed().compareTo(Duration.ofMillis(2500)) >= 0, "ended early: " + run.elapsed());
        // loose on purpose: a loaded 2-core machine took 5-6 s; the last line above already proves
        // that no tick came after the hang-up, this bound only catches a clock that kept the run alive
        assertTrue(run.elapsed().compareTo(Duration.ofMillis(15_000)) < 0, "ended late: " + run.elapsed());
    }

    @Test
    void withoutSecondsItKeepsTickingUntilCtrlC() throws Exception {
        try (ExampleProcess clock = ExampleProcess.start(Clock.class)) {
            assertTrue(clock.nextLine().endsWith("running until disconnected (Ctrl+C to stop)"), clock.lines.toString());
            for (int i = 0; i < 3; i++) {                  // still running after two seconds
                assertTrue(clock.nextLine().startsWith(TICK), clock.lines.toString());
            }
            new ProcessBuilder("kill", "-INT", Long.toString(clock.process.pid())).inheritIO().start().waitFor();
            assertEquals(130, clock.awaitExit(), "SIGINT exit status; output: " + clock.lines);
        }
    }

    @Test
    void ctrlCThroughTheLauncherEndsWithOneLineInsteadOfAStackTrace() throws Exception {
        signalThroughTheLauncherEndsWithOneLine("INT", 130);
    }

    @Test
    void sigtermThroughTheLauncherIsNotCalledCtrlC() throws Exception {
        signalThroughTheLauncherEndsWithOneLine("TERM", 143);
    }

    private static void signalThroughTheLauncherEndsWithOneLine(String signal, int status) throws Exception {
        try (ExampleProcess clock = ExampleProcess.start(Launcher.class, "run", "clock")) {
            assertTrue(clock.nextLine().endsWith("running until disconnected (Ctrl+C to stop)"), clock.lines.toString());
            assertTrue(clock.nextLine().startsWith(TICK), clock.lines.toString());
            new ProcessBuilder("kill", "-" + signal, Long.toString(clock.process.pid())).inheritIO().start().waitFor();
            assertEquals(status, clock.awaitExit(), "SIG" + signal + " exit status; output: " + clock.lines);
            assertTrue(clock.lines.contains("weft: clock was stopped by a signal (Ctrl+C or SIGTERM); its tasks were "
                    + "cancelled and cleaned up"), clock.lines.toString());
            assertTrue(clock.lines.stream().noneMatch(l -> l.startsWith("Exception in thread") || l.startsWith("\tat ")),
                    "no stack trace: " + clock.lines);
        }
    }

    private static LocalDateTime time(String tick) {
        return LocalDateTime.parse(tick.substring(TICK.length()), Clock.PYTHON_DATETIME);
    }
}
