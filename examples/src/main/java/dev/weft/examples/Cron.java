package dev.weft.examples;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.weft.core.CancelledException;
import dev.weft.core.ReturnWhen;
import dev.weft.core.Task;
import dev.weft.core.TaskScope;
import dev.weft.core.Weft;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Seed: "Mastering asyncio" (aiocron: "schedule things to run at a desired time, or run some
 * tasks hourly, daily, etc."): a job on a cron schedule.
 *
 * <pre>
 * ./weft run cron 'EXPR' [--runs N] [--zone Z] [--overrun skip|queue] [--job-seconds S]
 * </pre>
 * {@code EXPR} has 5 fields as in crontab (minute hour day-of-month month day-of-week, e.g.
 * {@code '*&#47;5 * * * *'}) or 6 with seconds first ({@code '*&#47;2 * * * * *'}: every 2 s);
 * cron-utils parses it and computes the next time in zone {@code Z} (default: the system's). Each run is a task of one scope; the job
 * here prints a line and takes {@code --job-seconds} (default 0). A run still going when the next
 * is due overruns: {@code --overrun skip} (default) drops the new one, {@code --overrun queue}
 * starts it as soon as the one before ends (runs never overlap; a job always slower than its
 * schedule falls further behind). {@code --runs N} stops after N runs have started and ended;
 * without it the schedule runs until Ctrl+C, which cancels the running job and ends cleanly.
 */
public final class Cron {
    static final String USAGE = "cron 'EXPR' [--runs N] [--zone Z] [--overrun skip|queue] [--job-seconds S]";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Cron() {}

    /** What to do with a run that falls due while the one before it is still running. */
    enum Overrun { SKIP, QUEUE }

    /** The scheduled work: run {@code number}, due at {@code due}. */
    @FunctionalInterface
    interface Job {
        void run(int number, ZonedDateTime due) throws Exception;
    }

    /**
     * Parses a 5-field (crontab) or 6-field (seconds first) cron expression.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static ExecutionTime parse(String expression) {
        int fields = expression.isBlank() ? 0 : expression.trim().split("\\s+").length;
        CronType type = switch (fields) {
            case 5 -> CronType.UNIX;
            case 6 -> CronType.SPRING53;
            default -> throw new IllegalArgumentException("'" + expression + "' has " + fields
                    + " fields; give 5 as in crontab ('*/5 * * * *': minute hour day-of-month month day-of-week)"
                    + " or 6 with seconds first ('*/2 * * * * *')");
        };
        try {
            return ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(expression).validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid cron expression: " + e.getMessage());
        }
    }

    /** A description in English of a valid expression, or empty if cron-utils cannot give one. */
    static String describe(String expression) {
        CronType type = expression.trim().split("\\s+").length == 5 ? CronType.UNIX : CronType.SPRING53;
        try {
            return CronDescriptor.instance(Locale.UK).describe(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(expression));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Runs {@code job} at every time {@code times} names after now, until {@code runs} runs have
     * started (0: forever), and waits for the last to end. Each run is a task of one supervisor
     * scope, so a failing run is reported and the schedule goes on. Call from a task; a
     * cancellation point: cancelling it cancels the running job and waits for it.
     *
     * @param clock the wall clock in the schedule's zone ({@code ZonedDateTime.now(zone)}, or a
     *     virtual one in tests); the waits themselves are {@code Weft.sleep}s on the loop's clock
     * @param log where the schedule says what it does, one line at a time
     */
    static void schedule(ExecutionTime times, Supplier<ZonedDateTime> clock, int runs, Overrun overrun, Job job, Consumer<String> log) {
        int started = 0;
        int skipped = 0;
        // whole seconds: cron-utils keeps the fraction of the time it is given in the times it returns
        ZonedDateTime last = clock.get().truncatedTo(ChronoUnit.SECONDS);
        try (TaskScope scope = TaskScope.openSupervisor()) {
            Task<Void> previous = null;
            while (runs == 0 || started < runs) {
                ZonedDateTime due = times.nextExecution(last).orElse(null);
                if (due == null) {
                    log.accept("the expression names no time after " + TIME.format(last) + "; done");
                    break;
                }
                Duration wait = Duration.between(clock.get(), due);
                Weft.sleep(wait.isNegative() ? Duration.ZERO : wait);
                last = due;
                if (previous != null && !previous.isDone() && overrun == Overrun.SKIP) {
                    skipped++;
                    log.accept("skipped the run due at " + TIME.format(due) + ": run " + started + " is still running");
                    continue;
                }
                int number = ++started;
                Task<Void> before = previous;
                previous = scope.spawn("cron run " + number, () -> {
                    if (before != null) {
                        Weft.wait(List.of(before), ReturnWhen.ALL_COMPLETED);   // queue: after the one before
                    }
                    log.accept("run " + number + " started at " + TIME.format(clock.get()) + " (due " + TIME.format(due) + ")");
                    try {
                        job.run(number, due);
                        log.accept("run " + number + " ended at " + TIME.format(clock.get()));
                    } catch (CancelledException e) {
                        log.accept("run " + number + " cancelled at " + TIME.format(clock.get()));
                        throw e;
                    } catch (Exception e) {
                        log.accept("run " + number + " failed at " + TIME.format(clock.get()) + ": " + e);
                    }
                });
            }
            scope.join();
        } finally {
            log.accept("cron stopped: " + started + " runs started, " + skipped + " skipped");
        }
    }

    /** The command line, checked. */
    record Options(String expression, ExecutionTime times, int runs, ZoneId zone, Overrun overrun, Duration jobTime) {}

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException saying what is wrong (main prints it with the usage and exits 2)
     */
    static Options parseArgs(String[] args) {
        Args a = Args.parse(args, USAGE, "--runs", "--zone", "--overrun", "--job-seconds");
        if (a.positional().size() != 1) {
            throw new IllegalArgumentException(a.positional().isEmpty()
                    ? "give the cron expression, quoted as one argument"
                    : "give the cron expression as one quoted argument, not " + a.positional().size() + " words");
        }
        String expression = a.positional().get(0);
        ExecutionTime times = parse(expression);
        int runs = a.integer("--runs", 0);
        if (runs < 0) {
            throw new IllegalArgumentException("--runs must be 0 (forever) or more, not " + runs);
        }
        String zoneName = a.string("--zone", ZoneId.systemDefault().getId());
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone takes a zone such as UTC or Europe/Paris, not '" + zoneName + "'");
        }
        String policy = a.string("--overrun", "skip");
        Overrun overrun = switch (policy) {
            case "skip" -> Overrun.SKIP;
            case "queue" -> Overrun.QUEUE;
            default -> throw new IllegalArgumentException("--overrun takes skip or queue, not '" + policy + "'");
        };
        String job = a.string("--job-seconds", "0");
        Duration jobTime = job.equals("0") ? Duration.ZERO : HttpFetch.parseSeconds("--job-seconds", job);
        return new Options(expression, times, runs, zone, overrun, jobTime);
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parseArgs(args);
        } catch (IllegalArgumentException e) {
            throw Args.exitWithUsage("cron", USAGE, e);
        }
        String description = describe(o.expression());
        System.out.println("cron '" + o.expression() + "'" + (description.isEmpty() ? "" : " (" + description + ")")
                + " in " + o.zone() + ", overrun: " + o.overrun().name().toLowerCase(Locale.ROOT)
                + (o.runs() == 0 ? ", until Ctrl+C" : ", " + o.runs() + " runs"));
        Weft.run(() -> schedule(o.times(), () -> ZonedDateTime.now(o.zone()), o.runs(), o.overrun(),
                (number, due) -> Weft.sleep(o.jobTime()), System.out::println));
    }
}
