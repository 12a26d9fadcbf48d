package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public types of the sync primitives follow Weft's API rules: sealed interfaces whose
 * implementations are final, or final classes made by static factories. ({@link ApiSurfaceTest}
 * checks that no public signature mentions an internal type.)
 */
class SyncApiSurfaceTest {
    private static final List<Class<?>> INTERFACES = List.of(Lock.class, Event.class, Condition.class,
            Semaphore.class, BoundedSemaphore.class, Barrier.class, CapacityLimiter.class, Queue.class,
            SendChannel.class, ReceiveChannel.class, SelectClause.class, Producer.class, Emitter.class);

    @Test
    void interfacesAreSealedOverFinalImplementations() {
        for (Class<?> type : INTERFACES) {
            assertTrue(type.isSealed(), type + " is sealed");
            for (Class<?> sub : type.getPermittedSubclasses()) {
                assertTrue(sub.isInterface() || Modifier.isFinal(sub.getModifiers()), sub + " is final");
            }
        }
    }

    @Test
    void classesAreFinalAndMadeByFactories() {
        for (Class<?> type : List.of(Channel.class, Select.class)) {
            assertTrue(Modifier.isFinal(type.getModifiers()), type + " is final");
            assertTrue(type.getConstructors().length == 0, type + " has no public constructor");
        }
    }
}
