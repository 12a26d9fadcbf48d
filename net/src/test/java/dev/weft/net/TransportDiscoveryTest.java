package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.Weft;
import dev.weft.net.spi.TransportProvider;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Transports are found through ServiceLoader and chosen by name, per call or by property. */
class TransportDiscoveryTest {

    @Test
    void bothBuiltInTransportsAreFoundThroughServiceLoader() {
        Set<String> names = ServiceLoader.load(TransportProvider.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("nio", "blocking")), names.toString());
        assertEquals("nio", Net.transportNames().get(0), "nio is the default");
    }

    @Test
    void theSystemPropertyChoosesTheDefaultAndABadValueSaysWhichExist() throws Exception {
        String before = System.getProperty(NetOptions.TRANSPORT_PROPERTY);
        try {
            System.setProperty(NetOptions.TRANSPORT_PROPERTY, "blocking");
            assertEquals(List.of("blocking", "nio"), Net.transportNames());
            Weft.run(() -> {
                try (Server server = Net.startServer((r, w) -> { }, "127.0.0.1", 0)) {
                    assertEquals("blocking", server.transportName());
                }
            });
            System.setProperty(NetOptions.TRANSPORT_PROPERTY, "carrier-pigeon");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Net::transportNames);
            assertTrue(e.getMessage().contains("weft.transport is 'carrier-pigeon'"), e.getMessage());
            assertTrue(e.getMessage().contains("nio") && e.getMessage().contains("blocking"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(NetOptions.TRANSPORT_PROPERTY);
            } else {
                System.setProperty(NetOptions.TRANSPORT_PROPERTY, before);
            }
        }
    }

    @Test
    void aTransportIsChosenPerCallByNameOrInstance() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetOptions.defaults().withTransport("nope"));
        assertTrue(e.getMessage().contains("no transport named 'nope'"), e.getMessage());
        assertSame(Net.transport("nio"), Net.transport("nio"), "one shared instance per transport");
        Weft.run(() -> {
            NetOptions viaInstance = NetOptions.defaults().withTransport(Net.transport("blocking"));
            try (Server server = Net.startServer((r, w) -> w.write(r.readLine()), "127.0.0.1", 0, viaInstance);
                 Connection c = Net.openConnection("127.0.0.1", server.port(),
                         NetOptions.defaults().withTransport("nio"))) {
                assertEquals("blocking", server.transportName());
                assertEquals("nio", c.transportName());
                c.writer().write("mixed\n".getBytes());
                assertEquals("mixed\n", new String(c.reader().readLine()));
            }
        });
    }
}
