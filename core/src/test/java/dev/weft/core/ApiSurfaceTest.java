package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public API exposes no internal type, and module-info exports only the API packages. */
class ApiSurfaceTest {
    private static final Set<String> API_PACKAGES = Set.of("dev.weft.core", "dev.weft.core.testing");

    @Test
    void moduleExportsOnlyTheApiPackages() {
        ModuleDescriptor descriptor = Weft.class.getModule().getDescriptor();
        Set<String> exported = descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(API_PACKAGES, exported);
    }

    @Test
    void noPublicSignatureMentionsAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicApiTypes()) {
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(leaks, type, m);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers())) {
                    check(leaks, type, c);
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && mentionsInternal(f.getGenericType())) {
                    leaks.add(type.getName() + "." + f.getName());
                }
            }
            for (Type t : type.getGenericInterfaces()) {
                if (mentionsInternal(t)) {
                    leaks.add(type.getName() + " implements " + t.getTypeName());
                }
            }
            if (mentionsInternal(type.getGenericSuperclass())) {
                leaks.add(type.getName() + " extends " + type.getGenericSuperclass().getTypeName());
            }
        }
        assertTrue(leaks.isEmpty(), "internal types in public signatures: " + leaks);
    }

    /**
     * The ways to start user code on a scope or a loop are exactly the kept ones (docs: TaskScope's
     * "Spawning" section): adding back a removed overload ({@code Loop.submit},
     * {@code Loop.callSoonThreadsafe}) or a new one fails here and must be argued there.
     */
    @Test
    void scopesAndLoopsStartCodeOnlyThroughTheKeptForms() {
        Set<String> entryPoints = Set.of("spawn", "submit", "start", "callSoon", "callSoonThreadsafe");
        assertEquals(new TreeSet<>(Set.of(
                        "spawn(Callable)", "spawn(String, Callable)", "spawn(Action)", "spawn(String, Action)",
                        "start(Starter)", "start(String, Starter)")),
                signatures(TaskScope.class, entryPoints));
        assertEquals(new TreeSet<>(Set.of(
                        "spawn(Callable)", "spawn(String, Callable)", "spawn(Action)", "spawn(String, Action)",
                        "callSoon(Runnable)")),
                signatures(Loop.class, entryPoints));
    }

    /** A nested type named like a top-level API type (the old {@code Producer.Body}) shadows it. */
    @Test
    void noNestedTypeShadowsATopLevelApiType() throws Exception {
        Set<Class<?>> types = publicApiTypes();
        Set<String> topLevel = types.stream()
                .filter(t -> t.getEnclosingClass() == null)
                .map(Class::getSimpleName)
                .collect(Collectors.toSet());
        List<String> shadows = new ArrayList<>();
        for (Class<?> type : types) {
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (visible(nested.getModifiers()) && topLevel.contains(nested.getSimpleName())) {
                    shadows.add(nested.getName());
                }
            }
        }
        assertTrue(shadows.isEmpty(), "nested types that shadow a top-level API type: " + shadows);
    }

    private static Set<String> signatures(Class<?> type, Set<String> names) {
        Set<String> found = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (names.contains(m.getName()) && !m.isSynthetic()) {
                found.add(m.getName() + Stream.of(m.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")")));
            }
        }
        return found;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> leaks, Class<?> owner, Executable e) {
        List<Type> types = new ArrayList<>(List.of(e.getGenericParameterTypes()));
        types.addAll(List.of(e.getGenericExceptionTypes()));
        if (e instanceof Method m) {
            types.add(m.getGenericReturnType());
        }
        for (Type t : types) {
            if (mentionsInternal(t)) {
                leaks.add(owner.getName() + "." + e.getName() + " uses " + t.getTypeName());
            }
        }
    }

    private static boolean mentionsInternal(Type t) {
        return t != null && t.getTypeName().contains(".internal.");
    }

    /** Every public top-level or nested type in the API packages, read from the compiled classes. */
    private static Set<Class<?>> publicApiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Weft.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> names = new TreeSet<>();
        for (String pkg : API_PACKAGES) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                        .forEach(n -> names.add(pkg + "." + n.substring(0, n.length() - ".class".length())));
            }
        }
        Set<Class<?>> types = new java.util.LinkedHashSet<>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, Weft.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers())) {
                types.add(c);
            }
        }
        assertTrue(types.size() > 15, "expected the API types, found " + types);
        return types;
    }
}
