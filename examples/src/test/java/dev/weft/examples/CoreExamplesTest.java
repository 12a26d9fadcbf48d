package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** schedule, threadsafe, to-thread and sync-client: output, order and timing claims. */
class CoreExamplesTest {

    @Test
    void scheduleRunsCallbacksInDueOrderAndTheJobEveryPeriod() throws Throwable {
        ExampleRun run = ExampleRun.of(Schedule::main, "--seconds", "2.2", "--every", "0.5");
        List<String> lines = run.output().lines().map(l -> l.replaceFirst("^\\[ *[0-9.]+ s\\] ", "")).toList();
        assertEquals(List.of(
                "call_soon: as soon as the loop is free",
                "call_later: 0.5 s after scheduling",
                "every 0.5 s: job run 1",
                "every 0.5 s: job run 2",
                "call_at: at loop time +1.5 s",
                "every 0.5 s: job run 3",
                "every 0.5 s: job run 4"), reorderTies(lines));
        assertTrue(run.elapsed().compareTo(Duration.ofMillis(2100)) >= 0, "ran " + run.elapsed());
    }

    /** callLater(0.5) and the job's first run are both due at 0.5 s; callAt(1.5) and run 3 at 1.5 s: either order is right. */
    private static List<String> reorderTies(List<String> lines) {
        List<String> sorted = new java.util.ArrayList<>(lines);
        fixPair(sorted, "call_later: 0.5 s after scheduling", "every 0.5 s: job run 1");
        fixPair(sorted, "call_at: at loop time +1.5 s", "every 0.5 s: job run 3");
        return sorted;
    }

    private static void fixPair(List<String> lines, String first, String second) {
        int a = lines.indexOf(first);
        int b = lines.indexOf(second);
        if (a >= 0 && b >= 0 && b == a - 1) {
            lines.set(b, first);
            lines.set(a, second);
        }
    }

    @Test
    void threadsafeSubmitsFromAPlainThreadAndGetsTheResult() throws Throwable {
        ExampleRun run = ExampleRun.of(Threadsafe::main);
        assertEquals("plain thread got: computed on the loop\n"
                + "callback scheduled from the plain thread ran on the loop\n", run.output());
    }

    @Test
    void toThreadKeepsTheTickerTickingWhereAnInlineCallStopsIt() throws Throwable {
        ExampleRun run = ExampleRun.of(ToThread::main);
        Matcher m = Pattern.compile("ticked (\\d+) times").matcher(run.output());
        assertTrue(m.find(), run.output());
        int inline = Integer.parseInt(m.group(1));
        assertTrue(m.find(), run.output());
        int offLoop = Integer.parseInt(m.group(1));
        assertTrue(inline <= 1, "inline, the loop is held for the whole second: " + run.output());
        assertTrue(offLoop >= 5, "with toThread the ticker runs about 10 times: " + run.output());
    }

    @Test
    void syncClientWorksFromPlainMainAndFromTasks() throws Throwable {
        ExampleRun run = ExampleRun.of(SyncClient::main);
        assertEquals("plain main: me (@weft_user)\n"
                + "plain main: sent 'Using Weft!' to me\n"
                + "inside tasks, at once: [me (@weft_user), sent 'from a task' to me]\n", run.output());
    }
}
