package dev.weft.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The examples' tiny command-line parser: {@code --name value} options, {@code --flag} switches
 * and positional words.
 *
 * <p>Examples call {@link #parseOrExit}: on bad input (an unknown option, a missing value, an
 * extra argument, a value that is not a number) the program prints what was wrong and its usage
 * on stderr and exits with status 2, as command-line tools do; never a stack trace.
 */
final class Args {
    private final String usage;
    private final boolean exitOnError;
    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> positional;

    private Args(String usage, boolean exitOnError, Map<String, String> options, Set<String> flags,
                 List<String> positional) {
        this.usage = usage;
        this.exitOnError = exitOnError;
        this.options = options;
        this.flags = flags;
        this.positional = positional;
    }

    /**
     * Parses {@code args}, accepting only the option names in {@code known}, and any number of
     * positional words.
     *
     * @throws IllegalArgumentException naming the bad option and the usage
     */
    static Args parse(String[] args, String usage, String... known) {
        return parse(args, usage, Set.of(), known);
    }

    /**
     * Parses {@code args}, accepting the switches in {@code switches} (no value), the options in
     * {@code known} (each with a value), and any number of positional words.
     *
     * @throws IllegalArgumentException naming the bad option and the usage
     */
    static Args parse(String[] args, String usage, Set<String> switches, String... known) {
        return parse(args, usage, false, switches, Integer.MAX_VALUE, known);
    }

    /**
     * Parses {@code args} with no switches and at most {@code maxPositional} positional words; on
     * bad input prints what was wrong and the usage, and exits with status 2. The Args returned
     * does the same when a value is read that is not what it should be.
     */
    static Args parseOrExit(String[] args, String usage, int maxPositional, String... known) {
        return parseOrExit(args, usage, Set.of(), maxPositional, known);
    }

    /** As {@link #parseOrExit(String[], String, int, String...)}, also accepting {@code switches}. */
    static Args parseOrExit(String[] args, String usage, Set<String> switches, int maxPositional, String... known) {
        try {
            return parse(args, usage, true, switches, maxPositional, known);
        } catch (IllegalArgumentException e) {
            throw exit(e.getMessage());
        }
    }

    private static Args parse(String[] args, String usage, boolean exitOnError, Set<String> switches,
                              int maxPositional, String... known) {
        Map<String, String> options = new java.util.HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (switches.contains(a)) {
                flags.add(a);
            } else if (a.startsWith("--")) {
                if (!List.of(known).contains(a)) {
                    throw new IllegalArgumentException("unknown option " + a + "; usage: " + usage);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value; usage: " + usage);
                }
                options.put(a, args[++i]);
            } else if (positional.size() == maxPositional) {
                throw new IllegalArgumentException((maxPositional == 0 ? "this example takes no arguments, "
                        : "too many arguments, ") + "'" + a + "' is one too many (quote a message that has spaces); "
                        + "usage: " + usage);
            } else {
                positional.add(a);
            }
        }
        return new Args(usage, exitOnError, options, flags, positional);
    }

    /** True if the switch {@code name} was given. */
    boolean has(String name) {
        return flags.contains(name);
    }

    String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw usageError(name + " takes a whole number, not '" + v + "'");
        }
    }

    /** The option's value as a positive number of seconds (fractions allowed), or {@code fallback}. */
    Duration seconds(String name, Duration fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw usageError(name + " takes a number of seconds (such as 2 or 0.5), not '" + v + "'");
        }
        if (!(seconds >= 0.001 && seconds <= 1e9)) {
            throw usageError(name + " takes a number of seconds from 0.001 up, not '" + v + "'");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    List<String> positional() {
        return positional;
    }

    /**
     * Bad input found after parsing: for an Args from {@link #parseOrExit}, prints {@code problem}
     * and the usage and exits with status 2 (it never returns); otherwise returns the exception to
     * throw, so that callers write {@code throw args.usageError(...)}.
     */
    IllegalArgumentException usageError(String problem) {
        String message = problem + (problem.endsWith("!") || problem.endsWith(".") ? " " : "; ") + "usage: " + usage;
        if (exitOnError) {
            throw exit(message);
        }
        return new IllegalArgumentException(message);
    }

    /**
     * Prints {@code example: problem; usage: ...} as one line on stderr and exits with status 2,
     * for an example whose own checks threw {@code problem}. Never returns.
     */
    static IllegalArgumentException exitWithUsage(String example, String usage, IllegalArgumentException problem) {
        String message = problem.getMessage();
        return exit(example + ": " + message + (message.contains("usage: ") ? "" : "; usage: " + usage));
    }

    private static IllegalArgumentException exit(String message) {
        System.err.println(message);
        System.exit(2);
        return new IllegalArgumentException(message);          // not reached
    }
}
