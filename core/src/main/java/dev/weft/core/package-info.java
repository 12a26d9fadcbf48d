/**
 * Weft's runtime: asyncio's programming model on virtual threads, with structured scopes.
 *
 * <h2>Where to start</h2>
 * <ul>
 * <li>{@link dev.weft.core.Weft}: the everyday calls: {@code run} a program, {@code sleep},
 *     {@code gather}, {@code wait}, {@code asCompleted}, timeouts ({@code failAfter},
 *     {@code moveOnAfter}, {@code waitFor}), {@code shield}, {@code toThread};</li>
 * <li>{@link dev.weft.core.TaskScope}: where tasks are spawned; no task outlives its scope and no
 *     failure is lost ({@link dev.weft.core.Task} is one task, {@link dev.weft.core.Handle} a
 *     scheduled callback);</li>
 * <li>{@link dev.weft.core.Loop} and {@link dev.weft.core.LoopOptions}: the event loop itself,
 *     parallel (the default) or confined (one task at a time, asyncio's guarantee);</li>
 * <li>{@link dev.weft.core.CancelScope}: cancellation and deadlines as a block;
 *     {@link dev.weft.core.CancelledException} and
 *     {@link dev.weft.core.DeadlineExceededException} are what a cancelled wait throws.</li>
 * </ul>
 *
 * <h2>Coordinating tasks</h2>
 * <ul>
 * <li>Synchronisation: {@link dev.weft.core.Lock}, {@link dev.weft.core.Event},
 *     {@link dev.weft.core.Condition}, {@link dev.weft.core.Semaphore},
 *     {@link dev.weft.core.BoundedSemaphore}, {@link dev.weft.core.Barrier},
 *     {@link dev.weft.core.CapacityLimiter};</li>
 * <li>Passing values: {@link dev.weft.core.Queue} (asyncio's queues),
 *     {@link dev.weft.core.Channel} with {@link dev.weft.core.Select} (Trio's memory channels),
 *     {@link dev.weft.core.Producer} (async generators), {@link dev.weft.core.Promise}
 *     (asyncio's futures);</li>
 * <li>Context: {@link dev.weft.core.TaskLocal} (contextvars).</li>
 * </ul>
 * {@code Lock}, {@code Condition}, {@code Semaphore} and {@code Queue} keep asyncio's names,
 * which the JDK also uses ({@code java.util.concurrent.locks}, {@code java.util.concurrent},
 * {@code java.util}): import Weft's by name ({@code import dev.weft.core.Queue;}), which wins
 * over any wildcard import, and qualify the JDK's in the rare file that needs both
 * ({@code docs/adr/0017-sync-primitive-names.md}).
 *
 * <h2>Handing Weft to other APIs</h2>
 * {@link dev.weft.core.TaskScope#asExecutor()} is an {@code ExecutorService} that spawns into a
 * scope; {@link dev.weft.core.Flows#publisher} is a {@code Flow.Publisher} of a channel's items.
 *
 * <h2>Code you pass to Weft: one rule, by where its exception goes</h2>
 * <ul>
 * <li>The call throws what your code throws ({@code Weft.run}, {@code Loop.runUntilComplete},
 *     {@code failAfter}/{@code failAt}, {@code moveOnAfter}/{@code moveOnAt},
 *     {@code cancelScope}, {@code shield}, {@code toThread}, {@code TestLoop.run}): a
 *     {@link dev.weft.core.Body} with a result, an {@link dev.weft.core.Action} without. The
 *     checked exception type is inferred from the lambda, so code that throws
 *     {@code IOException} makes the call throw {@code IOException}, and code that throws
 *     nothing checked makes it throw nothing checked.</li>
 * <li>Your code runs as a task and its failure comes back later, through
 *     {@link dev.weft.core.Task#join()} or the scope ({@code TaskScope.spawn},
 *     {@code Loop.spawn}, {@code gather}, {@code gatherSettled}, {@code race}): a
 *     {@link java.util.concurrent.Callable} with a result, an {@link dev.weft.core.Action}
 *     without. An exception type parameter would promise nothing there (a checked failure
 *     arrives wrapped in {@link dev.weft.core.TaskFailedException}), and {@code Callable} is
 *     the JDK's type for a task ({@code ExecutorService.submit},
 *     {@code StructuredTaskScope.fork}), so callables you already have pass as they are.</li>
 * <li>Weft hands your code something: a type named for that role,
 *     {@link dev.weft.core.Starter} (gets a {@link dev.weft.core.TaskStatus}),
 *     {@link dev.weft.core.Producer.Generator} (gets an {@link dev.weft.core.Emitter});
 *     loop callbacks are plain {@link java.lang.Runnable}s.</li>
 * </ul>
 * No nested type reuses the name of a type of this package.
 *
 * <h2>Rules that hold everywhere</h2>
 * Every call that waits is a cancellation point and says so; {@code tryX} calls never wait.
 * Every call is thread-safe unless its documentation says otherwise. Failures nobody retrieves
 * are logged through SLF4J (logger {@code dev.weft.core}); without an SLF4J provider they go to
 * {@link java.lang.System.Logger} instead. Tests use {@link dev.weft.core.testing.TestLoop}
 * for virtual time.
 */
package dev.weft.core;
