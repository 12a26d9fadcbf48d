package dev.weft.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Loop}: a root scope of tasks, a clock with its timers, and a queue of callbacks that
 * runs while a thread drives the loop. This file holds the loop's lifecycle (the state table of
 * {@link Loop}), the callback queue and the driver that runs it, and the public calls that
 * delegate to the root scope.
 *
 * <p>What the loop is not: it does not schedule tasks. Each task is a virtual thread that runs
 * from the moment it is spawned, whether or not a thread drives the loop; the JDK's scheduler
 * runs it on a parallel loop, the loop's {@link ConfinedScheduler} on a confined one
 * ({@link TaskThreads} makes the threads). Nor does it own timing: {@link Timers} fires
 * callbacks and deadlines on time ({@link LoopClock}, or a {@link VirtualClock} for
 * {@code TestLoop}, whose hooks are in {@link VirtualLoopAccess}). {@code toThread}'s platform
 * threads are in {@link ToThreadPool}.
 *
 * <h2>Implementation notes</h2>
 * States: {@link #IDLE}, {@link #RUNNING} (a thread is in {@link #drive}), {@link #CLOSING} (a
 * thread is in {@link #close}, cancelling the root scope and driving until it is empty),
 * {@link #CLOSED}; transitions are CASes on {@code state} (IDLE -> RUNNING in {@code beginRun},
 * RUNNING -> IDLE in {@code endRun}, IDLE -> CLOSING in {@code close}, CLOSING -> CLOSED at the
 * end of {@code close}). Callbacks go through the lock-free {@code ready} queue and run on the
 * driving thread ({@code runner}), which parks when the queue is empty; every enqueue unparks
 * it. On a confined loop the driver hands each callback to the carrier, so that a callback never
 * overlaps a task.
 */
final class LoopImpl implements Loop {
    static final Logger LOG = LoggerFactory.getLogger("dev.weft.core");
    private static final AtomicLong IDS = new AtomicLong();

    static final int IDLE = 0;
    static final int RUNNING = 1;
    static final int CLOSING = 2;
    static final int CLOSED = 3;

    private final String name;
    private final LoopClock clock;
    private final Timers timers;
    final ScopeImpl root;
    private final ConcurrentLinkedQueue<CallbackHandle> ready = new ConcurrentLinkedQueue<>();
    private final AtomicLong callbackSeq = new AtomicLong();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final LoopOptions options;
    /** The one-carrier scheduler of a confined loop ({@code taskThreads.confined}); null for a parallel loop. */
    final ConfinedScheduler confined;
    /** The clock of a loop on virtual time ({@code TestLoop}); null otherwise. */
    final VirtualClock virtualClock;
    private final TaskThreads taskThreads;
    private final ToThreadPool toThreadPool;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Thread runner;
    /**
     * True while a thread is in {@link #drive}: only then may a virtual clock jump (written by
     * that thread, read by the confined carrier).
     */
    private volatile boolean driving;
    /**
     * Set by stop() (any thread) and by an interrupt of the thread running the loop; runForever
     * returns at the end of the current batch and clears it (asyncio's {@code _stopping}).
     */
    private volatile boolean stopping;
    /** Set by setExceptionHandler (any thread); null means the default handler. */
    private volatile ExceptionHandler exceptionHandler;
    /** Confined loops: callbacks handed to the carrier and not yet run. */
    private final AtomicInteger forwardedCallbacks = new AtomicInteger();
    /** The loop's JMX bean while it is open; null if JMX is off. */
    private final LoopMBean mbean;

    private LoopImpl(LoopOptions options, VirtualClock virtualClock, boolean autojump) {
        this.name = "weft-loop-" + IDS.incrementAndGet();
        this.options = options;
        this.virtualClock = virtualClock;
        this.clock = virtualClock != null ? virtualClock : LoopClock.SYSTEM;
        this.taskThreads = new TaskThreads(name, options, virtualClock, autojump);
        this.confined = taskThreads.confined;
        this.toThreadPool = new ToThreadPool(name, options.toThreadPoolSize());
        this.timers = new Timers(clock, name, virtualClock != null ? confined : null);
        if (confined != null) {
            confined.attach(timers, () -> !ready.isEmpty(), () -> driving);
        }
        this.root = ScopeImpl.rootOf(this);
        this.mbean = LoopMBean.register(this);
    }

    static LoopImpl open() {
        return new LoopImpl(LoopOptions.defaults(), null, false);
    }

    static LoopImpl open(LoopOptions options) {
        Checks.notNull(options, "Loop.open: the options");
        return new LoopImpl(options, null, false);
    }

    /** A confined loop on virtual time, for {@code dev.weft.core.testing}. */
    static LoopImpl openVirtual(Long seed, boolean autojump) {
        LoopOptions options = seed == null ? LoopOptions.confined() : LoopOptions.confined().withSeed(seed);
        return new LoopImpl(options, new VirtualClock(), autojump);
    }

    public LoopOptions options() {
        return options;
    }

    @Override
    public String name() {
        return name;
    }

    boolean isConfined() {
        return confined != null;
    }

    // ---- task threads, timers, toThread (see TaskThreads, Timers, ToThreadPool) ----------------

    /** Work outside the carrier that may still wake a task (toThread): autojump waits for it. */
    void externalWork(int delta) {
        taskThreads.externalWork(delta);
    }

    Timers timers() {
        return timers;
    }

    Thread newTaskThread(TaskImpl<?> task) {
        return taskThreads.newThread(task);
    }

    /** After the task's thread exists, before it starts. */
    void taskCreated(TaskImpl<?> task) {
        taskThreads.created(task);
    }

    void taskEnded(TaskImpl<?> task) {
        taskThreads.ended(task);
    }

    /** The pool for {@code Weft.toThread}, made on first use; a closed loop refuses to make it. */
    ExecutorService blockingPool() {
        return toThreadPool.get(() -> requireOpen("Weft.toThread"));
    }

    @Override
    public long time() {
        return clock.nanoTime();
    }

    // ---- running -----------------------------------------------------------------------------

    /** Weft.run: a new loop, main as a task, leftovers cancelled, loop closed. */
    static <T, X extends Exception> T runMain(Body<T, X> main) throws X {
        return runMain(LoopOptions.defaults(), main);
    }

    static <T, X extends Exception> T runMain(LoopOptions options, Body<T, X> main) throws X {
        Checks.notNull(options, "Weft.run: the loop options");
        Checks.notNull(main, "Weft.run: main");
        if (Context.currentLoopOrNull() != null) {
            throw new IllegalStateException("Weft.run() was called from a running loop (thread '"
                    + Context.threadName() + "'): call the code directly from this task, or spawn it as a task");
        }
        LoopImpl loop = open(options);
        try {
            return loop.runTask(main, true);
        } finally {
            loop.close();
        }
    }

    @Override
    public <T, X extends Exception> T runUntilComplete(Body<T, X> main) throws X {
        Checks.notNull(main, "runUntilComplete: main");
        return runTask(main, false);
    }

    @Override
    public <X extends Exception> void runUntilComplete(Action<X> main) throws X {
        Checks.notNull(main, "runUntilComplete: main");
        runTask(() -> {
            main.run();
            return null;
        }, false);
    }

    private <T, X extends Exception> T runTask(Body<T, X> main, boolean cancelOnShutdown) throws X {
        beginRun("runUntilComplete()");
        Object previous = Context.enterLoop(this);
        ShutdownHook hook = null;
        try {
            TaskImpl<T> task = root.spawnTask("main", main::call);
            task.addListener(Thread.currentThread());
            if (cancelOnShutdown) {
                hook = ShutdownHook.install(task, closed);
            }
            drive(task::isDone, task, false);
            return reportUnchanged(task);
        } finally {
            if (hook != null) {
                hook.remove();
            }
            Context.restore(previous);
            endRun();
        }
    }

    private static <T, X extends Exception> T reportUnchanged(TaskImpl<T> task) throws X {
        task.retrieved = true;
        if (task.stateCode() == FutureCore.SUCCESS) {
            return task.valueUnchecked();
        }
        throw Context.<X>sneakyThrow(task.errorUnchecked());
    }

    @Override
    public void runForever() {
        beginRun("runForever()");
        Object previous = Context.enterLoop(this);
        try {
            drive(null, null, true);
        } finally {
            Context.restore(previous);
            endRun();
        }
    }

    private void beginRun(String call) {
        LoopImpl current = Context.currentLoopOrNull();
        if (current != null) {
            throw new IllegalStateException(call + " was called from a task or callback of a running loop ("
                    + current.name + "); a thread runs one loop at a time: spawn a task instead");
        }
        if (!state.compareAndSet(IDLE, RUNNING)) {
            throw new IllegalStateException(state.get() == RUNNING
                    ? "loop " + name + " is already running: " + call + " can run it only once at a time"
                    : "loop " + name + " is closed: open a new one with Loop.open()");
        }
        runner = Thread.currentThread();
    }

    private void endRun() {
        runner = null;
        stopping = false; // a run consumes a stop, whichever kind of run it is (as asyncio's)
        state.compareAndSet(RUNNING, IDLE);
    }

    /**
     * Runs callbacks on this thread until {@code done} or, if {@code untilStop}, until a batch
     * ends with {@link #stopping} set. An interrupt of this thread cancels {@code main}, or stops
     * a runForever.
     *
     * <p>Batches (asyncio's {@code _run_once}): runForever counts the callbacks ready when a
     * batch begins and runs exactly those; callbacks they schedule wait for the next batch. At a
     * batch's end (on a confined loop, once the carrier has run the batch) it looks at
     * {@code stopping}. Other runs check {@code done} before each callback instead.
     */
    private void drive(BooleanSupplier done, TaskImpl<?> main, boolean untilStop) {
        driving = true;
        if (confined != null) {
            confined.loopRunStarted(); // virtual time may jump now that the loop is being run
        }
        try {
            driveCallbacks(done, main, untilStop);
        } finally {
            driving = false;
        }
    }

    private void driveCallbacks(BooleanSupplier done, TaskImpl<?> main, boolean untilStop) {
        boolean interrupted = false;
        int batch = 0; // runForever: callbacks left in the current batch
        boolean firstBatch = true; // a stop() before the run still lets one batch run
        while (true) {
            if (!untilStop) {
                if (done.getAsBoolean()) {
                    break;
                }
            } else if (batch == 0) {
                if (!firstBatch) {
                    if (confined != null) {
                        awaitForwardedCallbacks(); // they may call stop()
                    }
                    if (stopping) {
                        stopping = false;
                        break;
                    }
                }
                firstBatch = false;
                batch = ready.size();
            }
            CallbackHandle h = ready.poll();
            if (h != null) {
                if (untilStop) {
                    batch--;
                }
                runCallback(h);
                continue;
            }
            batch = 0;
            if (untilStop ? stopping : done.getAsBoolean()) {
                continue;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
                if (main != null) {
                    main.cancel("the thread running the loop was interrupted");
                } else if (untilStop) {
                    stopping = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a callback here, or on the carrier of a confined loop so it never overlaps a task. */
    private void runCallback(CallbackHandle h) {
        if (confined == null) {
            h.runNow();
            return;
        }
        forwardedCallbacks.incrementAndGet();
        Thread driver = Thread.currentThread();
        confined.executeInOrder(() -> {
            Object previous = Context.enterLoop(this);
            try {
                h.runNow();
            } finally {
                Context.restore(previous);
                forwardedCallbacks.decrementAndGet();
                LockSupport.unpark(driver);
            }
        });
    }

    /** Confined loops: waits until the callbacks handed to the carrier have run. */
    private void awaitForwardedCallbacks() {
        Blocking.awaitUninterruptibly(() -> forwardedCallbacks.get() == 0);
    }

    @Override
    public void stop() {
        stopping = true;
        Thread r = runner;
        if (r != null) {
            LockSupport.unpark(r);
        }
    }

    @Override
    public boolean isRunning() {
        return state.get() == RUNNING;
    }

    @Override
    public boolean isClosed() {
        return state.get() == CLOSED;
    }

    // ---- exceptions nobody can catch ---------------------------------------------------------

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        exceptionHandler = handler;
    }

    @Override
    public Optional<ExceptionHandler> exceptionHandler() {
        return Optional.ofNullable(exceptionHandler);
    }

    @Override
    public void callExceptionHandler(ExceptionContext context) {
        Checks.notNull(context, "callExceptionHandler: the context");
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            DefaultExceptionHandler.log(context);
            return;
        }
        try {
            handler.handle(this, context);
        } catch (Throwable t) {
            DefaultExceptionHandler.log(ExceptionContext.of(
                    "Unhandled error in exception handler " + handler + " while it handled " + context, t));
        }
    }

    @Override
    public void defaultExceptionHandler(ExceptionContext context) {
        Checks.notNull(context, "defaultExceptionHandler: the context");
        DefaultExceptionHandler.log(context);
    }

    // ---- callbacks ---------------------------------------------------------------------------

    void enqueueReady(CallbackHandle h) {
        ready.add(h);
        Thread r = runner;
        if (r != null) {
            LockSupport.unpark(r);
        }
    }

    private void requireOpen(String call) {
        int s = state.get();
        if (s == CLOSED) {
            throw new IllegalStateException(call + ": loop " + name + " is closed; open a new one with Loop.open()");
        }
    }

    @Override
    public Handle callSoon(Runnable callback) {
        Checks.notNull(callback, "callSoon: the callback");
        requireOpen("callSoon");
        CallbackHandle h = new CallbackHandle(this, time(), callback);
        h.seq = callbackSeq.incrementAndGet();
        enqueueReady(h);
        return h;
    }

    /** callSoon for Weft's own callbacks: a closed loop logs instead of throwing. */
    void callSoonOrLog(Runnable callback) {
        if (state.get() == CLOSED) {
            LOG.debug("loop {} is closed; dropped callback {}", name, callback);
            return;
        }
        callSoon(callback);
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoon(callback);
    }

    @Override
    public Handle callLater(Duration delay, Runnable callback) {
        long nanos = Checks.nonNegativeNanos(delay, "callLater");
        return callAt(Checks.saturatedAdd(time(), nanos), callback);
    }

    @Override
    public Handle callAt(long when, Runnable callback) {
        Checks.notNull(callback, "callAt: the callback");
        requireOpen("callAt");
        CallbackHandle h = new CallbackHandle(this, when, callback);
        h.seq = callbackSeq.incrementAndGet();
        // Always through the timer heap, even when already due: an earlier callAt for the same
        // time may still be in the heap, and (when, seq) order must hold between the two.
        timers.schedule(h);
        return h;
    }

    // ---- tasks ------------------------------------------------------------------------------

    @Override
    public <T> Task<T> spawn(Callable<T> body) {
        requireOpen("spawn");
        return root.spawnTask(null, body);
    }

    @Override
    public <T> Task<T> spawn(String taskName, Callable<T> body) {
        requireOpen("spawn");
        Checks.notNull(taskName, "spawn: the task name");
        return root.spawnTask(taskName, body);
    }

    @Override
    public Task<Void> spawn(Action<?> body) {
        requireOpen("spawn");
        return root.spawnTask(null, ScopeImpl.asCallable(body));
    }

    @Override
    public Task<Void> spawn(String taskName, Action<?> body) {
        requireOpen("spawn");
        Checks.notNull(taskName, "spawn: the task name");
        return root.spawnTask(taskName, ScopeImpl.asCallable(body));
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> body) {
        requireOpen("submit");
        return root.spawnTask(null, body).toCompletableFuture();
    }

    @Override
    public List<Task<?>> tasks() {
        List<Task<?>> all = new ArrayList<>();
        ArrayDeque<TaskImpl<?>> pending = new ArrayDeque<>();
        root.collectChildren(pending);
        while (!pending.isEmpty()) {
            TaskImpl<?> t = pending.pop();
            if (!t.isDone()) {
                all.add(t);
            }
            for (ScopeImpl s = t.innermostScope; s != null; s = s.outer) {
                s.collectChildren(pending);
            }
        }
        return all;
    }

    @Override
    public String dumpTasks() {
        return TaskDump.of(this).text();
    }

    @Override
    public String dumpTasksJson() {
        return TaskDump.of(this).json();
    }

    // ---- closing -----------------------------------------------------------------------------

    @Override
    public void close() {
        if (Context.currentLoopOrNull() == this) {
            throw new IllegalStateException("loop " + name + " cannot be closed from one of its own tasks or "
                    + "callbacks: it would wait for itself; call stop() and close it after run returns");
        }
        if (!state.compareAndSet(IDLE, CLOSING)) {
            switch (state.get()) {
                case CLOSED -> {
                    return;
                }
                case RUNNING -> throw new IllegalStateException("cannot close loop " + name
                        + " while it is running: call stop() first, or let runUntilComplete() return");
                default -> {
                    awaitClosed();
                    return;
                }
            }
        }
        runner = Thread.currentThread();
        Object previous = Context.enterLoop(this);
        try {
            root.cancel("loop " + name + " is closing");
            root.setWaiter(Thread.currentThread());
            drive(() -> root.liveCount() == 0, null, false);
            root.markClosed();
            for (CallbackHandle h; (h = ready.poll()) != null; ) {
                runCallback(h);
            }
            awaitForwardedCallbacks();
            root.logUnwatchedFailures();
        } finally {
            Context.restore(previous);
            runner = null;
            timers.shutdown();
            if (confined != null) {
                confined.shutdown();
            }
            toThreadPool.shutdown();
            state.set(CLOSED);
            if (mbean != null) {
                mbean.unregister();
            }
            closed.countDown();
        }
    }

    private void awaitClosed() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Loop[" + name + ", " + new String[] {"idle", "running", "closing", "closed"}[state.get()] + "]";
    }
}
