package dev.weft.examples;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The examples' tiny command-line parser: {@code --name value} options, {@code --flag} switches
 * and positional words.
 */
final class Args {
    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> positional;

    private Args(Map<String, String> options, Set<String> flags, List<String> positional) {
        this.options = options;
        this.flags = flags;
        this.positional = positional;
    }

    /**
     * Parses {@code args}, accepting only the option names in {@code known}.
     *
     * @throws IllegalArgumentException naming the bad option and the usage
     */
    static Args parse(String[] args, String usage, String... known) {
        return parse(args, usage, Set.of(), known);
    }

    /**
     * Parses {@code args}, accepting the switches in {@code switches} (no value) and the options
     * in {@code known} (each with a value).
     *
     * @throws IllegalArgumentException naming the bad option and the usage
     */
    static Args parse(String[] args, String usage, Set<String> switches, String... known) {
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
            } else {
                positional.add(a);
            }
        }
        return new Args(options, flags, positional);
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
            throw new IllegalArgumentException(name + " takes a number, not '" + v + "'");
        }
    }

    List<String> positional() {
        return positional;
    }
}
