package dev.weft.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@link Select}: one operation out of several channels' sends and receives.
 *
 * <h2>Implementation notes</h2>
 * <ol>
 * <li>Lock every channel involved, in {@link ChannelCore#id} order (no other code holds two
 *     channel locks, so this cannot deadlock).</li>
 * <li>Try the clauses in a random order (a Fisher-Yates shuffle): the first that can go at once
 *     wins. Shuffling, not just a random start, gives each ready clause the same chance.</li>
 * <li>If none can, queue one {@link Waiter} in every clause's queue, one node each, while still
 *     holding the locks: no channel can act on the waiter before it is fully registered.</li>
 * <li>Unlock and wait. The first channel to grant one of the nodes decides the waiter (a CAS), so
 *     the others skip its nodes. Withdrawing a cancelled select takes all the locks again, so
 *     that it is atomic against every channel.</li>
 * <li>Unlink the nodes left in other queues, then run the winner's callback, outside any lock.</li>
 * </ol>
 */
final class SelectImpl {
    private SelectImpl() {}

    /** Selects one clause; with {@code block} false, returns null if none is ready. */
    static <R> R select(RandomGenerator random, List<? extends SelectClause<? extends R>> clauses, boolean block) {
        Checks.notNull(random, "Select.select: the random source");
        List<SelectArm<? extends R>> arms = arms(clauses);
        List<ChannelCore<?>> cores = lockOrder(arms);
        int[] order = shuffledIndices(arms.size(), random);
        TaskImpl<?> task = block ? Waiter.checkpoint("Select.select()") : null;
        SelectArm<? extends R> ready = null;
        Object outcome = null;
        Waiter waiter = null;
        WaitQueue.Node[] nodes = null;
        lockAll(cores);
        try {
            for (int i : order) {
                outcome = arms.get(i).tryLocked();
                if (outcome != ChannelCore.NOTHING) {
                    ready = arms.get(i);
                    break;
                }
            }
            if (ready == null && block) {
                waiter = new Waiter(task);
                nodes = new WaitQueue.Node[arms.size()];
                for (int i : order) {
                    nodes[i] = arms.get(i).register(waiter);
                }
            }
        } finally {
            unlockAll(cores);
        }
        if (ready != null) {
            return ready.complete(outcome);
        }
        return block ? awaitOne(waiter, nodes, arms, cores) : null;
    }

    private static <R> R awaitOne(Waiter waiter, WaitQueue.Node[] nodes, List<SelectArm<? extends R>> arms,
                                  List<ChannelCore<?>> cores) {
        WaitQueue.Node granted;
        try {
            granted = waiter.await(w -> {
                lockAll(cores);
                try {
                    if (!w.cancel()) {
                        return false;
                    }
                    for (WaitQueue.Node n : nodes) {
                        n.queue.unlink(n);
                    }
                    return true;
                } finally {
                    unlockAll(cores);
                }
            });
        } finally {
            for (WaitQueue.Node n : nodes) {
                n.queue.lock.lock();
                try {
                    n.queue.unlink(n);
                } finally {
                    n.queue.lock.unlock();
                }
            }
        }
        SelectArm<? extends R> arm = arms.get(indexOf(nodes, granted));
        return arm.complete(arm.outcomeOf(granted));
    }

    private static int indexOf(WaitQueue.Node[] nodes, WaitQueue.Node node) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == node) {
                return i;
            }
        }
        throw new AssertionError("a select was granted through a node it does not own: " + node);
    }

    private static <R> List<SelectArm<? extends R>> arms(List<? extends SelectClause<? extends R>> clauses) {
        Checks.notNull(clauses, "Select.select: the clauses");
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("Select.select needs at least one clause (ch.onReceive(...) or "
                    + "ch.onSend(...)); got none");
        }
        List<SelectArm<? extends R>> arms = new ArrayList<>(clauses.size());
        for (int i = 0; i < clauses.size(); i++) {
            SelectClause<? extends R> c = clauses.get(i);
            if (c == null) {
                throw new NullPointerException("Select.select: clause #" + i + " is null");
            }
            arms.add(armOf(c));
        }
        return arms;
    }

    /** Every clause is an arm of the same result type: both permitted classes implement both. */
    @SuppressWarnings("unchecked")
    private static <R> SelectArm<? extends R> armOf(SelectClause<? extends R> clause) {
        return (SelectArm<? extends R>) clause;
    }

    /** The distinct channels, in lock order. */
    private static List<ChannelCore<?>> lockOrder(List<? extends SelectArm<?>> arms) {
        List<ChannelCore<?>> cores = new ArrayList<>(arms.size());
        for (SelectArm<?> a : arms) {
            if (!cores.contains(a.core())) {
                cores.add(a.core());
            }
        }
        cores.sort(Comparator.comparingLong(c -> c.id));
        return cores;
    }

    private static int[] shuffledIndices(int n, RandomGenerator random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void lockAll(List<ChannelCore<?>> cores) {
        for (ChannelCore<?> c : cores) {
            c.lock.lock();
        }
    }

    private static void unlockAll(List<ChannelCore<?>> cores) {
        for (int i = cores.size() - 1; i >= 0; i--) {
            cores.get(i).lock.unlock();
        }
    }
}
