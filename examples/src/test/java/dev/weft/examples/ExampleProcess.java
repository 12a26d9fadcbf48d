package dev.weft.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An example's main running in a child JVM from the test class path, with its output read line by line. */
final class ExampleProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    private final BufferedReader out;
    final List<String> lines = new ArrayList<>();

    private ExampleProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ExampleProcess start(Class<?> main, String... args) throws IOException {
        return start(List.of(), main, args);
    }

    /** As {@link #start(Class, String...)}, with {@code jvmOptions} before the main class. */
    static ExampleProcess start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ExampleProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The next line of output (blocks), or null at its end. */
    String nextLine() throws IOException {
        String line = out.readLine();
        if (line != null) {
            lines.add(line);
        }
        return line;
    }

    /** Reads the first line, which must name 127.0.0.1:PORT, and returns the port. */
    int awaitListening() throws IOException {
        String line = nextLine();
        Matcher m = PORT.matcher(String.valueOf(line));
        if (!m.find()) {
            throw new AssertionError("the server did not say where it listens; it printed: " + line);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Waits for the process to exit and returns its status; the rest of its output is in {@link #lines}. */
    int awaitExit() throws IOException, InterruptedException {
        while (nextLine() != null) {
            // collect
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the example did not exit; output: " + lines);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
