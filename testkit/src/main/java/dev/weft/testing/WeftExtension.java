package dev.weft.testing;

import dev.weft.core.Task;
import dev.weft.core.testing.TestLoop;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WeftTest}: each test method runs as the main task of a new
 * {@link TestLoop}, which a {@code TestLoop} parameter receives; a test that returns with a task
 * of that loop still running fails, and the loop is closed (its tasks cancelled) after each test.
 * Register it with {@code @WeftTest} on a method, or {@code @ExtendWith(WeftExtension.class)} on
 * a class for every test method in it. Stateless; JUnit creates it.
 */
public final class WeftExtension implements ParameterResolver, InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WeftExtension.class);

    /** Closes the test's loop when JUnit discards the test's context. */
    private record OpenLoop(TestLoop loop) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            loop.close();
        }
    }

    /** Called by JUnit. */
    public WeftExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestLoop.class && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a TestLoop is given to test methods only, not to "
                    + parameter.getDeclaringExecutable() + ": each test gets its own loop");
        }
        return loopOf(context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        TestLoop test = loopOf(context);
        test.run(() -> {
            try {
                invocation.proceed();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
        List<Task<?>> left = test.loop().tasks();
        if (!left.isEmpty()) {
            throw new AssertionError("the test returned with " + left.size() + " task(s) still running: "
                    + left.stream().map(Task::toString).collect(Collectors.joining(", "))
                    + ". Join or cancel every task it spawns (a TaskScope in try-with-resources does both); "
                    + "Weft cancelled them");
        }
    }

    private static TestLoop loopOf(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(OpenLoop.class, k -> open(context), OpenLoop.class)
                .loop();
    }

    private static OpenLoop open(ExtensionContext context) {
        Optional<WeftTest> options = context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, WeftTest.class));
        long[] seed = options.map(WeftTest::seed).orElse(new long[0]);
        boolean autojump = options.map(WeftTest::autojump).orElse(true);
        if (seed.length > 1) {
            throw new IllegalArgumentException("@WeftTest(seed = ...) takes one seed, got " + seed.length
                    + " on " + context.getDisplayName());
        }
        if (!autojump && seed.length == 1) {
            throw new IllegalArgumentException("@WeftTest(autojump = false) with a seed is not supported yet on "
                    + context.getDisplayName() + ": drop one of the two");
        }
        TestLoop loop = !autojump ? TestLoop.openManual() : seed.length == 1 ? TestLoop.openWithSeed(seed[0]) : TestLoop.open();
        return new OpenLoop(loop);
    }
}
