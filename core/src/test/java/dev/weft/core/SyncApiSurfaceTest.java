package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public types of the sync primitives follow Weft's API rules: sealed interfaces whose
 * implementations are final, or final classes; and no internal type appears in a public
 * signature (parameters, results, exceptions, fields, type bounds).
 */
class SyncApiSurfaceTest {
    private static final List<Class<?>> INTERFACES = List.of(Lock.class, Event.class, Condition.class,
            Semaphore.class, BoundedSemaphore.class, Barrier.class, CapacityLimiter.class, Queue.class,
            SendChannel.class, ReceiveChannel.class, SelectClause.class, Producer.class, Emitter.class);
    private static final List<Class<?>> CLASSES = List.of(Channel.class, Select.class,
            QueueShutDownException.class, EndOfChannelException.class, BrokenChannelException.class,
            ClosedResourceException.class, BarrierBrokenException.class);

    @Test
    void interfacesAreSealedOverFinalImplementations() {
        for (Class<?> type : INTERFACES) {
            assertTrue(type.isSealed(), type + " is sealed");
            for (Class<?> sub : type.getPermittedSubclasses()) {
                assertTrue(sub.isInterface() || Modifier.isFinal(sub.getModifiers()), sub + " is final");
            }
        }
        assertTrue(Modifier.isFinal(Channel.class.getModifiers()));
        assertTrue(Modifier.isFinal(Select.class.getModifiers()));
    }

    @Test
    void noInternalTypeAppearsInAPublicSignature() {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> all = new ArrayList<>(INTERFACES);
        all.addAll(CLASSES);
        for (int i = 0; i < all.size(); i++) { // grows: nested public types are checked too
            for (Class<?> nested : all.get(i).getDeclaredClasses()) {
                if (Modifier.isPublic(nested.getModifiers())) {
                    all.add(nested);
                }
            }
        }
        for (Class<?> type : all) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    check(type, m, m.getGenericReturnType(), leaks);
                    checkExecutable(type, m, leaks);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers())) {
                    checkExecutable(type, c, leaks);
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    check(type, f, f.getGenericType(), leaks);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void checkExecutable(Class<?> type, Executable e, List<String> leaks) {
        for (Type t : e.getGenericParameterTypes()) {
            check(type, e, t, leaks);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(type, e, t, leaks);
        }
        for (var v : e.getTypeParameters()) {
            for (Type bound : v.getBounds()) {
                check(type, e, bound, leaks);
            }
        }
    }

    private static void check(Class<?> type, Object member, Type t, List<String> leaks) {
        if (t.getTypeName().contains(".internal.")) {
            leaks.add(type.getSimpleName() + ": " + member + " mentions " + t.getTypeName());
        }
    }
}
