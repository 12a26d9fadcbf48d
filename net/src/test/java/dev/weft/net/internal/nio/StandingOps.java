package dev.weft.net.internal.nio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** Test helpers that bring an {@link Interest} to the state where an operation stays armed. */
final class StandingOps {
    private StandingOps() {}

    /** What a woken reader or acceptor does next: take what woke it, as read() and accept() do. */
    @FunctionalInterface
    interface IoAction {
        void run() throws Exception;
    }

    /** Waits on {@code op} in a new thread, then runs {@code then}; returns the thread, to be joined. */
    static Thread awaitIn(NioTransport transport, SelectableChannel ch, Interest in, int op, IoAction then) {
        return Thread.ofVirtual().start(() -> {
            try {
                transport.await(ch, in, op);
                then.run();
            } catch (Exception e) {
                // a closed transport or channel says so; what matters is that the wait returns
            }
        });
    }

    static Thread awaitIn(NioTransport transport, SelectableChannel ch, Interest in, int op) {
        return awaitIn(transport, ch, in, op, () -> { });
    }

    /**
     * Repeats {@code round} (a wait woken by the peer, then the read or accept that takes what
     * woke it) until {@code op} stays armed, at most 100 times; returns whether it does. One round
     * is usually enough; it takes another when the selector looked again before the woken task
     * had read, found nobody waiting and disarmed (as it should once it stops polling).
     */
    static boolean tryMakeStanding(Interest in, int op, IoAction round) throws Exception {
        for (int i = 0; i < 100 && !in.isStanding(op); i++) {
            round.run();
        }
        return in.isStanding(op);
    }

    /** {@link #tryMakeStanding}, as a precondition that must hold. */
    static void makeStanding(Interest in, int op, IoAction round) throws Exception {
        assertTrue(tryMakeStanding(in, op, round), "precondition: the operation stays armed after a woken wait");
    }

    /** The reading round for {@link #tryMakeStanding}: a wait on {@code ch} woken by one byte from {@code peer}. */
    static IoAction readRound(NioTransport transport, SocketChannel ch, Interest in, SocketChannel peer) {
        return () -> {
            Thread reader = awaitIn(transport, ch, in, SelectionKey.OP_READ, () -> ch.read(ByteBuffer.allocate(8)));
            peer.write(ByteBuffer.wrap(new byte[] {1})); // wakes it: reading then stays armed
            reader.join();
        };
    }
}
