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
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.WildcardType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API exposes no internal type, module-info exports only the API packages, core's main
 * sources have no import loop, and no public class lives outside the exported packages except the
 * ones ADR 0015 names.
 */
class ApiSurfaceTest {
    private static final Set<String> API_PACKAGES = Set.of("dev.weft.core", "dev.weft.core.testing");
    /** Public top-level types in unexported packages that ADR 0015 names, with why. */
    private static final Set<String> PUBLIC_UNEXPORTED_ALLOWED = Set.of(
            // TestLoop (dev.weft.core.testing) reaches the package-private loop engine through it
            "dev.weft.core.internal.TestingBridge");
    /** An import of, or a qualified reference to, a type of core: group 1 the package, 2 the type (or *). */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.weft\\.core((?:\\.[a-z]\\w*)*)\\.(\\*|[A-Z]\\w*)");
    /** Comments and string literals, which name types without depending on them. */
    private static final Pattern NOT_CODE = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

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

    /** True if {@code t} names a Weft type that is not public or not in an exported package. */
    private static boolean mentionsInternal(Type t) {
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (!c.getName().startsWith("dev.weft.")) {
                return false;
            }
            return !accessible(c) || !API_PACKAGES.contains(c.getPackageName());
        }
        if (t instanceof ParameterizedType p) {
            if (mentionsInternal(p.getRawType())) {
                return true;
            }
            for (Type a : p.getActualTypeArguments()) {
                if (mentionsInternal(a)) {
                    return true;
                }
            }
            return false;
        }
        if (t instanceof WildcardType w) {
            return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).anyMatch(ApiSurfaceTest::mentionsInternal);
        }
        if (t instanceof GenericArrayType a) {
            return mentionsInternal(a.getGenericComponentType());
        }
        return false; // type variables: their bounds are checked where they are declared
    }

    @Test
    void coreMainSourcesHaveNoImportLoop() throws IOException {
        List<String> cycle = findImportCycle(mainSources());
        assertTrue(cycle.isEmpty(), "import loop among core's main sources: " + String.join(" -> ", cycle)
                + "; move the implementation beside its API type or into a package that imports neither (ADR 0015)");
    }

    @Test
    void noPublicTypeOutsideTheExportedPackages() throws Exception {
        ModuleDescriptor descriptor = Weft.class.getModule().getDescriptor();
        Set<String> exported = descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        Path root = classesRoot();
        List<String> leaks = new ArrayList<>();
        for (String pkg : new TreeSet<>(descriptor.packages())) {
            if (exported.contains(pkg)) {
                continue;
            }
            try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString();
                    if (!n.endsWith(".class") || n.contains("$") || n.equals("package-info.class")) {
                        continue;
                    }
                    String name = pkg + "." + n.substring(0, n.length() - ".class".length());
                    Class<?> c = Class.forName(name, false, Weft.class.getClassLoader());
                    if (Modifier.isPublic(c.getModifiers()) && !PUBLIC_UNEXPORTED_ALLOWED.contains(name)) {
                        leaks.add(name);
                    }
                }
            }
        }
        assertTrue(leaks.isEmpty(), "public types in packages module-info does not export: " + leaks
                + "; make them package-private beside the API type that uses them, or name them in ADR 0015");
    }

    /**
     * A loop in the graph of references between core's packages (import statements and qualified
     * names in code; comments and strings do not count), as its edges, or empty. Packages are the
     * nodes; each edge names the first file that carries it, so the message says which import
     * to remove.
     */
    static List<String> findImportCycle(Map<String, String> sources) {
        Map<String, Map<String, String>> edges = new TreeMap<>(); // package -> imported package -> "A imports B"
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Matcher pm = PACKAGE.matcher(e.getValue());
            if (!pm.find()) {
                continue;
            }
            String pkg = pm.group(1);
            String code = NOT_CODE.matcher(e.getValue()).replaceAll(" ");
            code = code.substring(code.indexOf(';', code.indexOf("package")) + 1); // after the package line
            Matcher im = REFERENCE.matcher(code);
            while (im.find()) {
                String target = "dev.weft.core" + im.group(1);
                if (!target.equals(pkg)) {
                    edges.computeIfAbsent(pkg, k -> new TreeMap<>())
                            .putIfAbsent(target, e.getKey() + " uses " + target + "." + im.group(2));
                }
            }
        }
        Map<String, Integer> state = new LinkedHashMap<>(); // 1: on the path, 2: done
        List<String> path = new ArrayList<>();
        for (String start : edges.keySet()) {
            List<String> cycle = dfs(start, edges, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> dfs(String pkg, Map<String, Map<String, String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(pkg);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>();
            int from = path.indexOf(pkg);
            List<String> loop = new ArrayList<>(path.subList(from, path.size()));
            loop.add(pkg);
            for (int i = 0; i + 1 < loop.size(); i++) {
                cycle.add(edges.get(loop.get(i)).get(loop.get(i + 1)));
            }
            return cycle;
        }
        state.put(pkg, 1);
        path.add(pkg);
        for (String next : edges.getOrDefault(pkg, Map.of()).keySet()) {
            List<String> cycle = dfs(next, edges, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(pkg, 2);
        return List.of();
    }

    /** core's main sources, file (relative path) to text, read from src/main/java beside target/classes. */
    private static Map<String, String> mainSources() throws IOException {
        Path src;
        try {
            src = classesRoot().getParent().getParent().resolve("src/main/java");
        } catch (Exception e) {
            throw new IOException("cannot locate core/src/main/java", e);
        }
        assertTrue(Files.isDirectory(src), "core's sources are not at " + src);
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(src.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        assertTrue(sources.size() > 40, "expected core's sources under " + src + ", found " + sources.keySet());
        return sources;
    }

    /** Public, and so is every class it is nested in: part of the API. */
    private static boolean accessible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static Path classesRoot() throws IOException {
        try {
            return Path.of(Weft.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Every public top-level or nested type in the API packages, read from the compiled classes. */
    private static Set<Class<?>> publicApiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = classesRoot();
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
            if (accessible(c)) {
                types.add(c);
            }
        }
        assertTrue(types.size() > 15, "expected the API types, found " + types);
        return types;
    }
}
