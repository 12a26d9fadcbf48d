package dev.weft.core;

import java.time.Duration;

/**
 * One node of the cancellation tree (Trio's cancel status). Each task has a chain of nodes from
 * its innermost open region out to the loop: its own root, the bodies of scopes it opened,
 * deadline and shield blocks, then the node of the scope it was spawned into, and so on up.
 * A task is cancelled when some node on its chain, before the first shield, is cancelled.
 *
 * <p>Kinds: {@link #TASK} (a task's root), {@link #BODY} (the region between a scope's open and
 * close in its owner), {@link #CHILDREN} (parent of a scope's tasks' roots, below BODY so that
 * cancelling a scope's tasks leaves its body alone), {@link #BLOCK} (a cancel-scope block: {@code failAfter}, {@code moveOnAfter},
 * {@code cancelScope} and the rest), {@link #SHIELD}.
 *
 * <p>Threads: {@code cancelled}, {@code reason} and {@code deadline} are written by any thread
 * that cancels or moves the deadline, under this node's lock, and read by any thread without it.
 */
final class CancelNode implements CancelScope {
    static final int TASK = 0;
    static final int BODY = 1;
    static final int CHILDREN = 2;
    static final int BLOCK = 3;
    static final int SHIELD = 4;

    final CancelNode parent;
    final int kind;
    /** The task whose chain holds this node; null for CHILDREN and the loop's root nodes. */
    final TaskImpl<?> task;
    /** The scope for BODY and CHILDREN nodes. */
    final ScopeImpl scope;
    final LoopImpl loop;

    private volatile boolean cancelled;
    private volatile String reason;
    private volatile boolean byDeadline;
    private volatile long deadline = Long.MAX_VALUE;
    /** Set by the owner task when its block caught this node's own cancellation. */
    private volatile boolean caught;
    private TimerEntry deadlineTimer; // guarded by this

    CancelNode(LoopImpl loop, CancelNode parent, int kind, TaskImpl<?> task, ScopeImpl scope) {
        this.loop = loop;
        this.parent = parent;
        this.kind = kind;
        this.task = task;
        this.scope = scope;
    }

    /** The innermost cancelled node on the chain from {@code node} up to the first shield. */
    static CancelNode firstCancelled(CancelNode node) {
        for (CancelNode n = node; n != null; n = n.parent) {
            if (n.cancelled) {
                return n;
            }
            if (n.kind == SHIELD) {
                return null;
            }
        }
        return null;
    }

    String reason() {
        return reason;
    }

    boolean cancelledByDeadline() {
        return byDeadline;
    }

    void markCaught() {
        caught = true;
    }

    @Override
    public boolean cancelledCaught() {
        return caught;
    }

    /** Cancels this node and wakes every task under it; does nothing if it is already cancelled. */
    void cancelWith(String why, boolean fromDeadline) {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            reason = why;
            byDeadline = fromDeadline;
            cancelled = true;
            if (deadlineTimer != null) {
                deadlineTimer.cancel();
                deadlineTimer = null;
            }
        }
        WeftEvents.regionCancelled(this, why, fromDeadline);
        wakeTasksUnder();
    }

    /** A node with a task wakes that task's tree; a CHILDREN node (no task) wakes its scope's tasks. */
    private void wakeTasksUnder() {
        if (task != null) {
            TaskImpl.wakeTree(task);
        } else if (scope != null) {
            scope.wakeChildren();
        }
    }

    /** Stops the deadline timer, if any: the region is being left. */
    void disarm() {
        synchronized (this) {
            if (deadlineTimer != null) {
                deadlineTimer.cancel();
                deadlineTimer = null;
            }
        }
    }

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public long effectiveDeadline() {
        long earliest = Long.MAX_VALUE;
        for (CancelNode n = this; n != null; n = n.parent) {
            earliest = Math.min(earliest, n.deadline);
            if (n.kind == SHIELD) {
                break;
            }
        }
        return earliest;
    }

    @Override
    public void setDeadline(long when) {
        boolean expired;
        synchronized (this) {
            if (cancelled) {
                deadline = when;
                return;
            }
            if (deadlineTimer != null) {
                deadlineTimer.cancel();
                deadlineTimer = null;
            }
            deadline = when;
            expired = when != Long.MAX_VALUE && when <= loop.time();
            if (!expired && when != Long.MAX_VALUE) {
                deadlineTimer = new DeadlineTimer(when, this);
                loop.timers().schedule(deadlineTimer);
            }
        }
        if (expired) {
            fireDeadline();
        }
    }

    @Override
    public void setDeadlineAfter(Duration delay) {
        long nanos = Checks.nonNegativeNanos(delay, "setDeadlineAfter");
        setDeadline(Checks.saturatedAdd(loop.time(), nanos));
    }

    void fireDeadline() {
        cancelWith("deadline exceeded", true);
    }

    @Override
    public void cancel(String why) {
        cancelWith(why == null ? "cancelled" : why, false);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isShielded() {
        return kind == SHIELD;
    }

    @Override
    public String toString() {
        String[] kinds = {"task", "scope body", "scope tasks", "block", "shield"};
        return "CancelScope[" + kinds[kind] + (cancelled ? ", cancelled: " + reason : "")
                + (deadline != Long.MAX_VALUE ? ", deadline=" + deadline : "") + "]";
    }

    /** The timer that cancels a node when its deadline passes. */
    static final class DeadlineTimer extends TimerEntry {
        private final CancelNode node;

        DeadlineTimer(long when, CancelNode node) {
            super(when);
            this.node = node;
        }

        @Override
        void fire() {
            synchronized (node) {
                if (node.deadlineTimer != this) {
                    return; // the deadline moved after this timer was due: a newer timer owns it
                }
                node.deadlineTimer = null;
            }
            node.fireDeadline();
        }
    }
}
