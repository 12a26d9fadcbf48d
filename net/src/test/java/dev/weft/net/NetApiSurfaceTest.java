package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What net's module shows the world: two packages, no internal type in a public signature. */
class NetApiSurfaceTest {
    private static final List<Class<?>> PUBLIC_TYPES = List.of(
            Net.class, NetOptions.class, Connection.class, StreamReader.class, StreamWriter.class, Server.class,
            ConnectionHandler.class, DatagramEndpoint.class, Datagram.class, Sockets.class,
            IncompleteReadException.class, LimitOverrunException.class,
            dev.weft.net.spi.TransportProvider.class, dev.weft.net.spi.Transport.class,
            dev.weft.net.spi.ByteStream.class, dev.weft.net.spi.Listener.class, dev.weft.net.spi.DatagramPort.class,
            dev.weft.net.spi.Readiness.class);

    @Test
    void theModuleExportsTheApiAndSpiOnlyAndRegistersBothTransports() {
        ModuleDescriptor d = Net.class.getModule().getDescriptor();
        assertEquals(Set.of("dev.weft.net", "dev.weft.net.spi"),
                d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(d.uses().contains("dev.weft.net.spi.TransportProvider"));
        ModuleDescriptor.Provides provides = d.provides().iterator().next();
        assertEquals("dev.weft.net.spi.TransportProvider", provides.service());
        assertEquals(List.of("dev.weft.net.internal.nio.NioTransportProvider",
                "dev.weft.net.internal.blocking.BlockingTransportProvider"), provides.providers());
    }

    @Test
    void publicTypesAreInterfacesRecordsOrFinalClasses() {
        for (Class<?> c : PUBLIC_TYPES) {
            boolean ok = c.isInterface() || c.isRecord() || Modifier.isFinal(c.getModifiers());
            assertTrue(ok, c + " is an open class");
        }
        for (Class<?> c : List.of(Connection.class, StreamReader.class, StreamWriter.class, Server.class,
                DatagramEndpoint.class)) {
            assertTrue(c.isSealed(), c + " should be sealed: Weft owns every implementation");
        }
    }

    @Test
    void noInternalTypeLeaksIntoAPublicSignature() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : PUBLIC_TYPES) {
            List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
            members.addAll(List.of(c.getDeclaredConstructors()));
            for (Executable m : members) {
                if (!Modifier.isPublic(m.getModifiers()) && !Modifier.isProtected(m.getModifiers())) {
                    continue;
                }
                List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
                types.addAll(List.of(m.getGenericExceptionTypes()));
                if (m instanceof Method method) {
                    types.add(method.getGenericReturnType());
                }
                for (Type t : types) {
                    if (t.getTypeName().contains(".internal.")) {
                        leaks.add(c.getSimpleName() + "." + m.getName() + ": " + t.getTypeName());
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) && f.getGenericType().getTypeName().contains(".internal.")) {
                    leaks.add(c.getSimpleName() + "." + f.getName());
                }
            }
            if (c.getSuperclass() != null && c.getSuperclass().getName().contains(".internal.")) {
                leaks.add(c.getSimpleName() + " extends " + c.getSuperclass().getName());
            }
        }
        assertEquals(List.of(), leaks);
        Constructor<?>[] none = Net.class.getConstructors();
        assertEquals(0, none.length, "Net is a holder of static factories");
    }
}
