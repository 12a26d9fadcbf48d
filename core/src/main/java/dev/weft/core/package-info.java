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
 *
 * <h2>Handing Weft to other APIs</h2>
 * {@link dev.weft.core.TaskScope#asExecutor()} is an {@code ExecutorService} that spawns into a
 * scope; {@link dev.weft.core.Flows#publisher} is a {@code Flow.Publisher} of a channel's items.
 *
 * <h2>Rules that hold everywhere</h2>
 * Every call that waits is a cancellation point and says so; {@code tryX} calls never wait.
 * Every call is thread-safe unless its documentation says otherwise. Failures nobody retrieves
 * are logged through SLF4J (logger {@code dev.weft.core}); without an SLF4J provider they go to
 * {@link java.lang.System.Logger} instead. Tests use {@link dev.weft.core.testing.TestLoop}
 * for virtual time.
 */
package dev.weft.core;
