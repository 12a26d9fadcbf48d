package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seed's own clients ({@code client.py}, sync and async, from "An Introduction to Asyncio"),
 * run as written with {@code python3}, get the same answer from {@code reverse-server} and
 * {@code reverse-server-blocking} as from the seed's own {@code server.py}. They send
 * {@code b'Hello Server!\n'} and wait for the reply without closing their side.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReverseServerSeedClientsTest {
    private static final String[] CLIENTS = {"seed_reverse/sync_client.py", "seed_reverse/async_client.py"};

    private static List<List<String>> reference;

    /** What each seed client prints against the seed's own server of its kind (the reference). */
    private static synchronized List<List<String>> referenceOutputs() throws Exception {
        if (reference != null) {
            return reference;
        }
        List<List<String>> outputs = new ArrayList<>();
        for (String kind : new String[] {"sync", "async"}) {
            try (SeedPrograms.Server seed = SeedPrograms.startServer("seed_reverse/" + kind + "_server.py")) {
                outputs.add(SeedPrograms.runClient("seed_reverse/" + kind + "_client.py", seed.port(), 10));
                assertTrue(seed.process().waitFor(10, TimeUnit.SECONDS), "the seed's server serves one client and exits");
            }
        }
        assertEquals(List.of("Sending b'Hello Server!\\n'", "Server replied b'\\n!revreS olleH'"), outputs.get(0),
                "the seed's sync client against the seed's sync server");
        reference = outputs;
        return outputs;
    }

    private static void seedClientsGetTheSeedServersAnswerFrom(Class<?> server) throws Exception {
        SeedPrograms.assumePython();
        List<List<String>> reference = referenceOutputs();
        try (ExampleProcess weft = ExampleProcess.start(server, "--port", "0", "--max-clients", "2")) {
            int port = weft.awaitListening();
            for (int i = 0; i < CLIENTS.length; i++) {
                assertEquals(reference.get(i), SeedPrograms.runClient(CLIENTS[i], port, 10),
                        CLIENTS[i] + " against " + server.getSimpleName());
            }
            assertEquals(0, weft.awaitExit(), "output: " + weft.lines);
        }
    }

    @Test
    void theSeedsClientsGetTheirAnswerFromReverseServer() throws Exception {
        seedClientsGetTheSeedServersAnswerFrom(ReverseServer.class);
    }

    @Test
    void theSeedsClientsGetTheirAnswerFromReverseServerBlocking() throws Exception {
        seedClientsGetTheSeedServersAnswerFrom(ReverseServerBlocking.class);
    }

    @Test
    void reverseClientBlockingSendsTheSeedsMessageWhenGivenNone() throws Exception {
        try (ExampleProcess server = ExampleProcess.start(ReverseServerBlocking.class, "--port", "0", "--max-clients", "1")) {
            int port = server.awaitListening();
            try (ExampleProcess client = ExampleProcess.start(ReverseClientBlocking.class, "--port", Integer.toString(port))) {
                assertEquals(0, client.awaitExit(), "output: " + client.lines);
                assertEquals(List.of("Sending b'Hello Server!\\n'", "Server replied b'\\n!revreS olleH'"), client.lines);
            }
            assertEquals(0, server.awaitExit(), "output: " + server.lines);
        }
    }

    /** The copies under src/test/python/seed_reverse are the seed's programs, unchanged. */
    @Test
    void theCopiesAreTheSeedsProgramsVerbatim() throws Exception {
        Path seed = Path.of("..", "..", "shared", "seeds", "001_5ddbb922dc230524.txt");
        if (!Files.exists(seed)) {
            seed = Path.of("..", "shared", "seeds", "001_5ddbb922dc230524.txt");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(seed),
                "the seeds folder (../shared/seeds beside the repository) is not here: the copies were not compared");
        List<String> programs = new ArrayList<>();
        Matcher m = Pattern.compile("```python\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(seed, StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(1).startsWith("# server.py") || m.group(1).startsWith("# client.py")) {
                programs.add(m.group(1));
            }
        }
        String[] copies = {"sync_server.py", "sync_client.py", "async_server.py", "async_client.py"};
        assertEquals(copies.length, programs.size(), "the seed's server.py/client.py programs");
        for (int i = 0; i < copies.length; i++) {
            assertEquals(programs.get(i), Files.readString(SeedPrograms.DIR.resolve("seed_reverse").resolve(copies[i])),
                    copies[i]);
        }
    }
}
