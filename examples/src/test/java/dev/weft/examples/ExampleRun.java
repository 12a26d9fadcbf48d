package dev.weft.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs an example's main in this JVM with System.out captured. */
record ExampleRun(String output, Duration elapsed) {

    interface Main {
        void run(String[] args) throws Throwable;
    }

    static synchronized ExampleRun of(Main main, String... args) throws Throwable {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run(args);
        } finally {
            System.setOut(original);
        }
        return new ExampleRun(buffer.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
    }
}
