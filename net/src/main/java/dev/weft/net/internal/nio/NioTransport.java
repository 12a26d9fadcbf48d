package dev.weft.net.internal.nio;

import dev.weft.core.CancelledException;
import dev.weft.core.Parking;
import dev.weft.core.Weft;
import dev.weft.net.spi.ByteStream;
import dev.weft.net.spi.DatagramPort;
import dev.weft.net.spi.Listener;
import dev.weft.net.spi.Readiness;
import dev.weft.net.spi.Transport;
import dev.weft.net.internal.Channels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nio} transport: channels in non-blocking mode and one selector thread per instance.
 *
 * <h2>Implementation notes</h2>
 * <p>An operation first tries the channel call. Only when it does nothing (a read of 0 bytes, a
 * null accept, a connect not finished) does the task wait: it puts its thread in the channel's
 * {@link Interest} slot for the operation, pushes the interest on a lock-free request stack
 * (once, however many operations are requested before the selector thread looks), and parks
 * until its slot no longer holds it. The selector thread arms the requested operations at the
 * top of its next round; when the key is ready it clears that interest (one-shot) and unparks
 * the thread in the slot. No promise, no command object and no lock per wait. The selector is
 * level-triggered, so bytes that arrive between the failed call and the arming are seen by the
 * next select.
 * <p>The selector is woken ({@code Selector.wakeup()}, a write to an eventfd) only when it is,
 * or is about to be, blocked in {@code select}: a request made while it is dispatching is picked
 * up before it blocks again. {@code selecting} and the request stack form a Dekker pair (each
 * side writes its own volatile, then reads the other's), so one of the two always notices.
 * <p>After a round that found events the selector does not block at once: it looks again
 * without blocking ({@code selectNow}), yielding to the tasks it woke between looks, up to
 * {@link #POLLS_BEFORE_BLOCKING} looks in a row that woke nobody. While it polls, reading and
 * accepting stay armed the first time they fire for nobody (the task woken last time has usually
 * not read yet); the next such report disarms them ({@link Interest#fire}). A blocked selector
 * on a virtual thread is woken through the JDK's own poller, two hand-offs later than a task
 * that blocks on a socket itself; a busy selector that polls instead sees the next event first
 * (ADR 0009).
 * <p>Cancellation: a cancelled task is interrupted by Weft; the parked thread wakes, sees the
 * cancellation, takes itself out of its slot and throws {@link CancelledException}. The interest
 * may stay armed; when it fires with nobody waiting the selector thread just clears it. Nothing
 * was read, so nothing is lost. An interrupt that is not a cancellation (a task that is not
 * cancelled, or a shielded one) is kept aside and restored when the wait ends.
 * <p>Non-blocking channel calls do not install the JDK's interrupt hook (only blocking ones
 * close an {@code InterruptibleChannel} on interrupt), so the interrupt Weft uses to cancel a
 * task never closes a socket here; {@code NioTransportInterruptTest} checks this.
 * <p>Threads: selection keys belong to the selector thread; other threads reach them only through
 * the request stack or {@link #execute(Runnable)}, a queue drained at the top of each select
 * round. Closing a registered channel would only cancel its key (the JDK frees the file
 * descriptor when the selector next deregisters it), so every close of a registered channel is
 * run by the selector thread: {@link #closeRegistered} has it deregister the key, close the
 * channel and wake the channel's waiters, and waits for that.
 * <p>Channels the caller owns ({@link #awaitReady}) may be closed behind our back, and a closed
 * channel's key is never selected again; their interests are kept in {@code foreign}, and a
 * sweep once a second wakes the waiters of those whose channel was closed.
 */
public final class NioTransport implements Transport, Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(NioTransport.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long SELECT_MILLIS = 1000;
    /**
     * How many times the selector looks without blocking (yielding to the woken tasks between
     * looks) after a round that found events, before it blocks in {@code select}
     * ({@code -Dweft.nio.pollsBeforeBlocking=N}; 0 blocks at once). See ADR 0009.
     */
    static final int POLLS_BEFORE_BLOCKING = Math.max(0, Integer.getInteger("weft.nio.pollsBeforeBlocking", 8));
    private static final VarHandle REQUESTS;

    static {
        try {
            REQUESTS = MethodHandles.lookup().findVarHandle(NioTransport.class, "requests", Interest.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Selector selector;
    private final Thread thread;
    /** Guards {@code closed} against queueing: no command is queued after closing starts. */
    private final Object queueLock = new Object();
    private final ArrayDeque<Runnable> commands = new ArrayDeque<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean closed;
    /** True while the selector thread is in, or about to enter, {@code select}. */
    private volatile boolean selecting;
    /** The top of the request stack (linked through {@link Interest#nextRequest}). */
    @SuppressWarnings("unused") private volatile Interest requests;
    /** The interests of callers' channels ({@link #awaitReady}), one per channel. */
    private final ConcurrentHashMap<SelectableChannel, Interest> foreign = new ConcurrentHashMap<>();
    /** Selector thread: whether this round looks without blocking ({@link Interest#fire}). */
    private boolean polling;
    /** Selector thread: how many keys this round woke a task on. */
    private int wokeTasks;
    /** {@link #dispatchKey}, made once (a bound method reference allocates at each use). */
    private final Consumer<SelectionKey> dispatchAction = this::dispatchKey;

    private NioTransport(String name) throws IOException {
        this.name = name;
        this.selector = Selector.open();
        this.thread = selectorThread("weft-" + name + "-selector-" + IDS.incrementAndGet(), this::selectLoop);
    }

    /**
     * The selector loop's thread: a virtual thread of the JVM's default scheduler. On a virtual
     * thread, {@code Selector.select} parks it on the JDK's own I/O poller instead of blocking a
     * platform thread, so readiness is noticed by, and waiters are unparked from, the carriers
     * themselves: no platform thread wakes up and hands over per event. Created from a platform
     * thread, since a virtual thread inherits its creator's scheduler (a confined loop's would be
     * wrong: see ADR 0007 on the blocking transport's helpers).
     */
    private static Thread selectorThread(String name, Runnable body) {
        if (!Thread.currentThread().isVirtual()) {
            return Thread.ofVirtual().name(name).unstarted(body);
        }
        Thread[] made = new Thread[1];
        Thread maker = Thread.ofPlatform().daemon().start(() -> made[0] = Thread.ofVirtual().name(name).unstarted(body));
        uninterruptibly(maker::join);
        return made[0];
    }

    /** Opens an instance and starts its selector thread. */
    static NioTransport open(String name) {
        try {
            NioTransport t = new NioTransport(name);
            t.thread.start();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the '" + name + "' transport: " + e.getMessage()
                    + " (too many open files? raise the limit with ulimit -n)", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Readiness> readiness() {
        return Optional.of(this);
    }

    // ---- opening sockets ------------------------------------------------------------------------

    @Override
    public ByteStream connect(SocketAddress remote) throws IOException {
        Weft.checkCancelled();
        SocketChannel ch = SocketChannel.open(Channels.family(remote));
        Interest interest = new Interest(ch);
        boolean done = false;
        try {
            ch.configureBlocking(false);
            if (!ch.connect(remote)) {
                do {
                    await(ch, interest, SelectionKey.OP_CONNECT);
                } while (!ch.finishConnect());
            }
            NioByteStream stream = new NioByteStream(this, ch, interest);
            done = true;
            return stream;
        } finally {
            if (!done) {
                closeRegistered(ch, interest);
            }
        }
    }

    @Override
    public Listener listen(SocketAddress local, int backlog) throws IOException {
        ServerSocketChannel ch = Channels.openBoundServer(local, backlog);
        boolean done = false;
        try {
            ch.configureBlocking(false);
            NioListener listener = new NioListener(this, ch, new Interest(ch));
            done = true;
            return listener;
        } finally {
            if (!done) {
                ch.close();
            }
        }
    }

    @Override
    public DatagramPort openDatagram(SocketAddress local, SocketAddress remote) throws IOException {
        DatagramChannel ch = Channels.openBoundDatagram(local, remote);
        boolean done = false;
        try {
            ch.configureBlocking(false);
            NioDatagramPort port = new NioDatagramPort(this, ch, new Interest(ch));
            done = true;
            return port;
        } finally {
            if (!done) {
                ch.close();
            }
        }
    }


    // ---- waiting --------------------------------------------------------------------------------

    @Override
    public void awaitReady(SelectableChannel channel, int op) throws IOException {
        if (channel.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        if (Integer.bitCount(op) != 1 || (channel.validOps() & op) == 0) {
            throw new IllegalArgumentException("awaitReady: " + op + " is not one operation this channel supports ("
                    + channel.getClass().getSimpleName() + " supports " + channel.validOps() + "); pass one of its "
                    + "SelectionKey.OP_* constants");
        }
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        await(channel, foreign.computeIfAbsent(channel, Interest::new), op);
    }

    /**
     * Parks the calling task until {@code ch} is ready for {@code op} or closed (the caller then
     * retries its operation, which reports the closing). {@code interest} is the channel's record.
     */
    void await(SelectableChannel ch, Interest interest, int op) throws IOException {
        if (closed) {
            throw closedTransport();
        }
        Thread me = Thread.currentThread();
        interest.enter(op, me);
        if (!interest.isStanding(op)) {
            if (interest.request(op)) {
                Interest top;
                do {
                    top = requests;
                    interest.nextRequest = top;
                } while (!REQUESTS.compareAndSet(this, top, interest));
            }
            if (closed) { // the selector thread may have emptied the stack for the last time already
                interest.leave(op, me);
                throw closedTransport();
            }
            wakeSelector();
        }
        // cancelled: leave; an armed interest that fires for nobody is simply cleared
        Parking.parkUntil(() -> !interest.waiting(op, me), interest, () -> {
            interest.leave(op, me);
            return true;
        });
    }

    private IOException closedTransport() {
        return new IOException("the '" + name + "' transport is closed: open a new one, or use the shared "
                + "instance Weft opens for you (do not close it)");
    }

    private void wakeSelector() {
        if (selecting && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Closes a channel that may be registered with the selector, and returns once its file
     * descriptor is released. A registered channel's close would otherwise only cancel its key
     * and leave the descriptor open until the selector's next round (a closed listener would
     * still complete handshakes meanwhile, and its port could not be bound again at once); so
     * the selector thread deregisters the key first and then closes the channel. The wait is one
     * hand-off to the selector thread, not a wait on the network.
     */
    void closeRegistered(SelectableChannel ch, Interest interest) {
        if (Thread.currentThread() == thread || ch.keyFor(selector) == null) {
            closeQuietly(ch);
            interest.wakeAll();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        try {
            execute(() -> {
                try {
                    SelectionKey key = ch.keyFor(selector);
                    if (key != null) {
                        key.cancel();
                        selector.selectNow(); // deregisters cancelled keys
                        dispatch();           // and serves those it found ready meanwhile
                    }
                } catch (IOException e) {
                    LOG.debug("deregistering {} failed", ch, e);
                } finally {
                    closeQuietly(ch);
                    interest.wakeAll();
                    done.countDown();
                }
            });
        } catch (IOException transportClosed) {
            closeQuietly(ch); // the selector is gone, and with it the registration
            return;
        }
        uninterruptibly(done::await);
    }

    /** A wait that cannot be abandoned halfway; an interrupt meanwhile is kept for the caller. */
    private interface ShortWait {
        void await() throws InterruptedException;
    }

    /**
     * Runs {@code wait} to its end, retrying it after interrupts and restoring the interrupt
     * status afterwards. Only for waits of one hand-off to another thread, never on the network.
     */
    private static void uninterruptibly(ShortWait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SelectableChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", ch, e);
        }
    }

    private void execute(Runnable command) throws IOException {
        synchronized (queueLock) {
            if (closed) {
                throw closedTransport();
            }
            commands.add(command);
        }
        wakeSelector();
    }

    // ---- the selector thread ----------------------------------------------------------------------

    /** Arms the operations requested since the last round; pops the whole stack at once. */
    private void armRequested() {
        Interest interest = (Interest) REQUESTS.getAndSet(this, null);
        while (interest != null) {
            Interest next = interest.nextRequest; // before takeRequested: the interest may be pushed again after it
            interest.nextRequest = null;
            arm(interest, interest.takeRequested());
            interest = next;
        }
    }

    private void arm(Interest interest, int requested) {
        int ops = 0;
        for (int op : OPS) {
            if ((requested & op) != 0 && interest.hasWaiter(op)) {
                ops |= op; // a waiter cancelled meanwhile needs nothing armed
            }
        }
        if (ops == 0) {
            return;
        }
        try {
            SelectionKey key = interest.key;
            if (key == null) {
                interest.key = interest.channel.register(selector, ops, interest);
            } else if (!key.isValid()) {
                interest.wakeAll(); // closed: the tasks' retries report it
                return;
            } else {
                key.interestOps(key.interestOps() | ops);
            }
            interest.armed(ops);
            if (!interest.key.isValid()) {
                // Closed while it was armed (a close that found no key yet closes the channel
                // directly, and that cancels the key registered meanwhile): nothing may stay
                // standing on a key that never fires again. The close cancels the key before its
                // own wakeAll, so either that wakeAll comes after the line above or this one runs.
                interest.wakeAll();
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            interest.wakeAll();
        } catch (RuntimeException e) {
            LOG.warn("cannot wait for {} on {}; its waiters retry", ops, interest.channel, e);
            interest.wakeAll();
        }
    }

    private static final int[] OPS = {SelectionKey.OP_READ, SelectionKey.OP_WRITE, SelectionKey.OP_CONNECT,
        SelectionKey.OP_ACCEPT};

    private void selectLoop() {
        long nextSweep = System.nanoTime() + SELECT_MILLIS * 1_000_000;
        int idlePolls = POLLS_BEFORE_BLOCKING; // start blocked: nothing has happened yet
        try {
            while (!closed) {
                runCommands();
                armRequested();
                wokeTasks = 0;
                polling = idlePolls < POLLS_BEFORE_BLOCKING;
                if (polling) {
                    // Recently busy: look without blocking. Nothing is announced, so nobody wakes
                    // the selector; a request made meanwhile is armed at the top of the next round.
                    selector.selectNow(dispatchAction);
                } else {
                    selectBlocking();
                }
                if (!selector.selectedKeys().isEmpty()) {
                    dispatch(); // keys selected by a selectNow() in a close command
                }
                // Polling goes on while looks wake tasks, and stops after that many that woke none
                // (a readiness nobody claims does not count, so it cannot keep the selector busy).
                idlePolls = wokeTasks > 0 ? 0 : polling ? idlePolls + 1 : POLLS_BEFORE_BLOCKING;
                if (wokeTasks > 0 || polling) {
                    // Let the tasks just woken run before selecting again: a woken reader that has
                    // not yet read would be reported once more (the selector is level-triggered).
                    // While polling, it is also what lets the tasks that will produce the next
                    // events run. On a virtual thread this is cheap: the woken tasks are queued.
                    Thread.yield();
                }
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + SELECT_MILLIS * 1_000_000;
                }
            }
        } catch (Throwable t) {
            LOG.error("the selector thread of the '{}' transport failed; its sockets stop working", name, t);
        } finally {
            shutdown();
        }
    }

    /** Blocks in {@code select} until an event, a wake-up or the sweep, and dispatches what it found. */
    private void selectBlocking() throws IOException {
        // Reset the flag after the commands (a close command's selectNow() may have eaten a
        // wakeup whose flag is still set). Then announce the select and look again: a request or
        // command queued before the announcement is seen here, one queued after it sees the
        // announcement and wakes the selector.
        wakeupPending.set(false);
        selecting = true;
        try {
            if (requests != null || hasCommands()) {
                return;
            }
            // The action form adds nothing to the selected-key set (a HashSet node per event). The
            // timeout is only for the sweep of callers' channels; without any, select blocks
            // untimed, which spares a timer per select on the virtual thread's scheduler.
            if (foreign.isEmpty()) {
                selector.select(dispatchAction);
            } else {
                selector.select(dispatchAction, SELECT_MILLIS);
            }
        } finally {
            selecting = false;
        }
    }

    private boolean hasCommands() {
        synchronized (queueLock) {
            return !commands.isEmpty();
        }
    }

    private void runCommands() {
        while (true) {
            Runnable command;
            synchronized (queueLock) {
                command = commands.poll();
            }
            if (command == null) {
                return;
            }
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.error("a selector command of the '{}' transport failed", name, e);
            }
        }
    }

    private void dispatch() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            dispatchKey(key);
        }
    }

    private void dispatchKey(SelectionKey key) {
        Interest interest = (Interest) key.attachment();
        try {
            int ready = key.readyOps();
            int keep = interest.fire(ready, polling);
            if ((keep & Interest.WOKE) != 0) {
                wokeTasks++;
            }
            if ((ready & ~keep) != 0) {
                key.interestOps(key.interestOps() & ~(ready & ~keep));
            }
        } catch (CancelledKeyException e) {
            interest.wakeAll();
        }
    }

    /** Wakes the waiters of callers' channels closed behind our back, and forgets those channels. */
    private void sweep() {
        foreign.values().removeIf(interest -> {
            if (!interest.channel.isOpen() || (interest.key != null && !interest.key.isValid())) {
                interest.wakeAll();
                return true;
            }
            return false;
        });
    }

    private void shutdown() {
        synchronized (queueLock) {
            closed = true;
        }
        runCommands();
        for (Interest i = (Interest) REQUESTS.getAndSet(this, null); i != null; i = i.nextRequest) {
            i.wakeAll();
        }
        for (SelectionKey key : selector.keys()) {
            ((Interest) key.attachment()).wakeAll();
        }
        foreign.values().forEach(Interest::wakeAll);
        foreign.clear();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector failed", e);
        }
    }

    @Override
    public void close() {
        synchronized (queueLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        selector.wakeup();
    }

    @Override
    public String toString() {
        return "NioTransport[" + name + "]";
    }
}
