package dev.weft.net.internal.nio;

import dev.weft.core.CancelledException;
import dev.weft.core.Promise;
import dev.weft.core.Weft;
import dev.weft.net.spi.ByteStream;
import dev.weft.net.spi.DatagramPort;
import dev.weft.net.spi.Listener;
import dev.weft.net.spi.Readiness;
import dev.weft.net.spi.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nio} transport: channels in non-blocking mode and one selector thread per instance.
 *
 * <h2>Implementation notes</h2>
 * <p>An operation first tries the channel call. Only when it does nothing (a read of 0 bytes, a
 * null accept, a connect not finished) does the task wait: it makes a {@link Promise}, asks the
 * selector thread to arm the operation's interest with it, and joins the promise. The selector
 * thread completes the promise when the key is ready and clears that interest (one-shot). The
 * selector is level-triggered, so bytes that arrive between the failed call and the arming are
 * seen by the next select. {@code Promise.join()} is a cancellation point: a cancelled or
 * timed-out task disarms its interest and leaves; nothing was read, so nothing is lost.
 * <p>Non-blocking channel calls do not install the JDK's interrupt hook (only blocking ones
 * close an {@code InterruptibleChannel} on interrupt), so the interrupt Weft uses to cancel a
 * task never closes a socket here; {@code NioTransportInterruptTest} checks this.
 * <p>Threads: every {@link Interest} and the {@link #armed} set belong to the selector thread;
 * other threads reach them only through {@link #execute(Runnable)}, a queue drained at the top
 * of each select round. {@code wakeupPending} makes sure that at most one
 * {@code Selector.wakeup()} is paid per round. Closing a registered channel would only cancel
 * its key (the JDK frees the file descriptor when the selector next deregisters it), so every
 * close of a registered channel is run by the selector thread: {@link #closeRegistered} has it
 * deregister the key, close the channel and wake the channel's waiters, and waits for that.
 * <p>Channels the caller owns ({@link #awaitReady}) may be closed behind our back, and a closed
 * channel's key is never selected again; a sweep once a second wakes the waiters of keys that
 * became invalid.
 */
public final class NioTransport implements Transport, Readiness {
    private static final Logger LOG = LoggerFactory.getLogger(NioTransport.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long SELECT_MILLIS = 1000;

    private final String name;
    private final Selector selector;
    private final Thread thread;
    /** Guards {@code closed} against queueing: no command is queued after closing starts. */
    private final Object queueLock = new Object();
    private final ArrayDeque<Runnable> commands = new ArrayDeque<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean closed;
    /** Selector thread only: interests with at least one waiter. */
    private final Set<Interest> armed = new HashSet<>();

    private NioTransport(String name) throws IOException {
        this.name = name;
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().daemon().name("weft-" + name + "-selector-" + IDS.incrementAndGet())
                .unstarted(this::selectLoop);
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
        SocketChannel ch = SocketChannel.open(family(remote));
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
        ServerSocketChannel ch = ServerSocketChannel.open(family(local));
        boolean done = false;
        try {
            if (local instanceof InetSocketAddress) {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            ch.bind(local, backlog);
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
        DatagramChannel ch = DatagramChannel.open(family(local != null ? local : remote));
        boolean done = false;
        try {
            ch.bind(local);
            if (remote != null) {
                ch.connect(remote);
            }
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

    static ProtocolFamily family(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return StandardProtocolFamily.UNIX;
        }
        if (address instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet6Address) {
            return StandardProtocolFamily.INET6;
        }
        return StandardProtocolFamily.INET;
    }

    // ---- waiting --------------------------------------------------------------------------------

    @Override
    public void awaitReady(SelectableChannel channel, int op) throws IOException {
        if (channel.isBlocking()) {
            throw new IllegalBlockingModeException();
        }
        await(channel, null, op);
    }

    /**
     * Parks the calling task until {@code ch} is ready for {@code op} or closed. {@code interest}
     * is the channel's own record for channels this transport made, null for callers' channels.
     */
    void await(SelectableChannel ch, Interest interest, int op) throws IOException {
        Promise<Void> ready = Promise.create();
        execute(() -> arm(ch, interest, op, ready));
        try {
            ready.join();
        } catch (CancelledException e) {
            ready.cancel("the waiting task was cancelled");
            executeQuietly(() -> disarm(ch, op, ready));
            throw e;
        }
    }

    /** Wakes the waiters of a channel this transport made, after it was closed. */
    void closed(Interest interest) {
        executeQuietly(() -> {
            interest.wakeAll();
            armed.remove(interest);
        });
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
            closed(interest);
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
                    armed.remove(interest);
                    done.countDown();
                }
            });
        } catch (IOException transportClosed) {
            closeQuietly(ch); // the selector is gone, and with it the registration
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
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
                throw new IOException("the '" + name + "' transport is closed: open a new one, or use the shared "
                        + "instance Weft opens for you (do not close it)");
            }
            commands.add(command);
        }
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    private void executeQuietly(Runnable command) {
        try {
            execute(command);
        } catch (IOException e) {
            // closing: the selector thread wakes every waiter on its way out
        }
    }

    static void wake(Promise<Void> p) {
        if (p != null && !p.isDone()) {
            try {
                p.complete(null);
            } catch (IllegalStateException raced) {
                // its task gave up (cancelled) at the same moment
            }
        }
    }

    // ---- the selector thread ----------------------------------------------------------------------

    private void arm(SelectableChannel ch, Interest known, int op, Promise<Void> p) {
        try {
            SelectionKey key = ch.keyFor(selector);
            Interest interest;
            if (key == null) {
                interest = known != null ? known : new Interest(ch);
                key = ch.register(selector, op, interest);
                interest.key = key;
            } else {
                if (!key.isValid()) {
                    wake(p); // closed: the task's retry reports it
                    return;
                }
                interest = (Interest) key.attachment();
                key.interestOps(key.interestOps() | op);
            }
            wake(interest.put(op, p));
            armed.add(interest);
        } catch (ClosedChannelException | CancelledKeyException e) {
            wake(p);
        } catch (RuntimeException e) {
            if (!p.isDone()) {
                p.fail(e);
            }
        }
    }

    private void disarm(SelectableChannel ch, int op, Promise<Void> p) {
        SelectionKey key = ch.keyFor(selector);
        if (key == null) {
            return;
        }
        Interest interest = (Interest) key.attachment();
        if (interest.get(op) == p) {
            interest.put(op, null);
            try {
                if (key.isValid()) {
                    key.interestOps(key.interestOps() & ~op);
                }
            } catch (CancelledKeyException e) {
                // closed meanwhile
            }
            if (interest.isEmpty()) {
                armed.remove(interest);
            }
        }
    }

    private void selectLoop() {
        long nextSweep = System.nanoTime() + SELECT_MILLIS * 1_000_000;
        try {
            while (!closed) {
                runCommands();
                // Reset the flag after the commands (a close command's selectNow() may have eaten a
                // wakeup whose flag is still set), then look again: a command queued before the
                // reset did not wake the selector, one queued after it does.
                wakeupPending.set(false);
                if (hasCommands()) {
                    continue;
                }
                selector.select(SELECT_MILLIS);
                if (!selector.selectedKeys().isEmpty()) {
                    dispatch(); // also keys selected by a selectNow() in a close command
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
            Interest interest = (Interest) key.attachment();
            try {
                int ready = key.readyOps();
                key.interestOps(key.interestOps() & ~ready);
                interest.wake(ready);
            } catch (CancelledKeyException e) {
                interest.wakeAll();
            }
            if (interest.isEmpty()) {
                armed.remove(interest);
            }
        }
    }

    private void sweep() {
        armed.removeIf(interest -> {
            if (interest.key != null && !interest.key.isValid()) {
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
        for (SelectionKey key : selector.keys()) {
            ((Interest) key.attachment()).wakeAll();
        }
        armed.forEach(Interest::wakeAll);
        armed.clear();
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
