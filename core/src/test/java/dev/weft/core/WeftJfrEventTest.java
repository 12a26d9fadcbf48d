package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A JFR recording of a Weft program holds each dev.weft event with its fields. */
@Timeout(30)
class WeftJfrEventTest {
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final String[] EVENTS = {"dev.weft.TaskStarted", "dev.weft.TaskEnded", "dev.weft.RegionCancelled",
        "dev.weft.DeadlineExceeded", "dev.weft.SlowStep", "dev.weft.UnretrievedFailure"};

    /** Holds the confined loop's carrier without blocking until the watchdog has reported it. */
    private void spinUntilSlowStepReported() {
        while (log.events(Level.WARN).stream().noneMatch(e -> e.getFormattedMessage().contains("cpu-hog"))) {
            Thread.onSpinWait();
        }
    }

    @Test
    void recordingHoldsEachEventTypeWithItsFields() throws Exception {
        log.quiet();
        Path file = Files.createTempFile("weft-events", ".jfr");
        String[] loopName = new String[1];
        try (Recording recording = new Recording()) {
            for (String name : EVENTS) {
                recording.enable(name);
            }
            recording.start();
            Weft.run(LoopOptions.confined().withSlowStepThreshold(Duration.ofMillis(50)), () -> {
                loopName[0] = Loop.current().name();
                Loop.current().spawn("orphan", () -> {
                    throw new IllegalStateException("nobody reads me");
                });
                try (TaskScope scope = TaskScope.open("doomed")) {
                    scope.spawn("victim", () -> Weft.sleep(Duration.ofHours(1)));
                    scope.cancel("the test cancels it");
                    scope.join();
                }
                assertFalse(Weft.moveOnAfter(Duration.ofMillis(10), () -> Weft.sleep(Duration.ofHours(1))));
                try (TaskScope scope = TaskScope.open("hogs")) {
                    scope.spawn("cpu-hog", this::spinUntilSlowStepReported);
                    scope.join();
                }
            });
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);
        String loop = loopName[0];

        RecordedEvent started = find(events, "dev.weft.TaskStarted", e -> e.getString("task").equals("victim"));
        assertEquals(loop, started.getString("loop"));
        assertEquals("doomed", started.getString("scope"));

        RecordedEvent victim = find(events, "dev.weft.TaskEnded", e -> e.getString("task").equals("victim"));
        assertEquals("CANCELLED", victim.getString("outcome"));
        assertEquals("doomed", victim.getString("scope"));
        assertTrue(victim.getString("error").contains("the test cancels it"), victim.getString("error"));
        assertTrue(victim.getDuration("taskDuration").toNanos() >= 0);
        RecordedEvent orphan = find(events, "dev.weft.TaskEnded", e -> e.getString("task").equals("orphan"));
        assertEquals("FAILED", orphan.getString("outcome"));
        assertEquals("java.lang.IllegalStateException: nobody reads me", orphan.getString("error"));
        RecordedEvent main = find(events, "dev.weft.TaskEnded", e -> e.getString("task").equals("main"));
        assertEquals("SUCCESS", main.getString("outcome"));
        assertEquals(null, main.getString("error"));

        RecordedEvent cancelled = find(events, "dev.weft.RegionCancelled", e -> e.getString("region").equals("doomed"));
        assertEquals("scope tasks", cancelled.getString("kind"));
        assertEquals("the test cancels it", cancelled.getString("reason"));
        assertFalse(cancelled.getBoolean("byDeadline"));
        RecordedEvent timedOut = find(events, "dev.weft.RegionCancelled", e -> e.getBoolean("byDeadline"));
        assertEquals("block", timedOut.getString("kind"));

        RecordedEvent deadline = find(events, "dev.weft.DeadlineExceeded", e -> true);
        assertEquals(loop, deadline.getString("loop"));
        assertEquals("block", deadline.getString("kind"));
        assertTrue(deadline.getLong("deadline") > 0);

        // on a loaded machine another step (main's) may be slow too: the hog's own event is the one
        RecordedEvent slow = find(events, "dev.weft.SlowStep", e -> "task 'cpu-hog'".equals(e.getString("holder")));
        assertEquals(loop, slow.getString("loop"));
        assertTrue(slow.getDuration("held").toMillis() >= 50, slow.getDuration("held").toString());
        assertEquals(Duration.ofMillis(50), slow.getDuration("threshold"));
        assertTrue(slow.getString("stack").contains("spinUntilSlowStepReported"), slow.getString("stack"));

        RecordedEvent unretrieved = find(events, "dev.weft.UnretrievedFailure", e -> true);
        assertEquals("orphan", unretrieved.getString("task"));
        assertEquals("loop", unretrieved.getString("scope"));
        assertEquals("java.lang.IllegalStateException: nobody reads me", unretrieved.getString("error"));
    }

    private static RecordedEvent find(List<RecordedEvent> events, String type, Predicate<RecordedEvent> which) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event matched in " + events.stream()
                        .map(e -> e.getEventType().getName()).distinct().toList()));
    }
}
