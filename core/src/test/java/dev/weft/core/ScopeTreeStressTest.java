package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Property-style stress test: thousands of random trees of scopes and tasks, with random
 * depth and fan-out, fail-fast and supervisor scopes, injected failures (also during
 * cancellation), deliberate cancellations of tasks and scopes, and random failAfter/moveOnAfter
 * timeouts. Each tree's shape is drawn up front from its own seed ({@code seed + index}), so a
 * failing tree is named with the seed that replays it: {@code -Dweft.stress.seed=N}.
 *
 * <h2>Invariants</h2>
 * <ol>
 * <li><b>No task outlives its scope.</b> Every task sets {@code started} when its body begins
 *     and {@code ended} in its outermost finally. When a scope block has been left (its
 *     {@code close()} returned or threw), every task spawned into it is done and none is
 *     started-but-not-ended. After {@code Weft.run} returns, the same holds for all tasks.</li>
 * <li><b>No failure is lost.</b> Every injected failure F (thrown by a leaf after its work, or
 *     by a leaf's cleanup while it is being cancelled) is either
 *     <ul>
 *     <li>reported: reachable from the exception of a tree's root task, or from a failure that a
 *         supervisor scope's owner read with {@code exceptionNow()} after {@code join()};
 *         reachability follows {@code getCause()}, {@code getSuppressed()} and
 *         {@link TaskScopeFailedException#failures()}; or</li>
 *     <li>logged as never retrieved (a WARN whose exception, causes or suppressed carry F's
 *         unique message), which is allowed only if a supervisor scope is on F's path: a
 *         supervisor keeps failures on their tasks, and an owner that was cancelled or timed
 *         out before reading them leaves them to the log.</li>
 *     </ul>
 *     No cancellation excuses a missing failure, deliberate or not: a scope that closes while a
 *     cancellation or timeout unwinds its block still gets its failures to the top ("errors win
 *     over cancellation", see {@link Task}).</li>
 * <li><b>Nothing unexpected escapes.</b> Every exception reachable from a root is an injected
 *     failure, a {@link TaskScopeFailedException}, a {@link DeadlineExceededException} or a
 *     {@link CancelledException}; a root task is never cancelled (nobody cancels it).</li>
 * <li><b>Nothing is lost to the log by mistake.</b> A failure reported to the top is never also
 *     logged as never retrieved.</li>
 * </ol>
 */
class ScopeTreeStressTest {
    private static final long SEED = Long.getLong("weft.stress.seed", 0x5EED_2024L);
    private static final int TREES_PER_LOOP = 25;

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    @Timeout(45)
    void smallRandomScopeTreesKeepTheirInvariants() {
        runTrees(3000, 3, 4);
    }

    @Test
    @Tag("stress")
    @Timeout(900)
    void largeRandomScopeTreesKeepTheirInvariants() {
        runTrees(20_000, 5, 5);
    }

    // ---- the plan of one tree ------------------------------------------------------------------

    enum Leaf { SUCCEED, FAIL, HANG, FAIL_ON_CANCEL }

    enum Wrap { NONE, FAIL_AFTER, MOVE_ON_AFTER }

    /** A node of a tree: an inner node opens a scope and spawns its children; a leaf does work. */
    static final class Node {
        final int id;
        final Node parent;
        final List<Node> children = new ArrayList<>();
        Leaf leaf; // null for inner nodes
        long sleepMicros;
        boolean supervisor;
        Wrap wrap = Wrap.NONE;
        long timeoutMicros;
        /** -1: none; i < children: cancel child i; children.size(): cancel the whole scope. */
        int cancel = -1;
        volatile boolean started;
        volatile boolean ended;

        Node(int id, Node parent) {
            this.id = id;
            this.parent = parent;
        }

        boolean supervisorOnPath() {
            for (Node n = parent; n != null; n = n.parent) {
                if (n.supervisor) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One tree: its plan, and what happened when it ran. */
    static final class Tree {
        final long seed;
        final Node root;
        final List<Node> all = new ArrayList<>();
        final Map<Throwable, Node> injected = new ConcurrentHashMap<>();
        final Set<Throwable> retrieved = ConcurrentHashMap.newKeySet();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        int reportedCount;
        int loggedCount;

        Tree(long seed, int maxDepth, int maxFanOut) {
            this.seed = seed;
            Random rnd = new Random(seed);
            this.root = inner(rnd, null, 0, maxDepth, maxFanOut, false);
        }

        private Node node(Node parent) {
            Node n = new Node(all.size(), parent);
            all.add(n);
            return n;
        }

        private Node inner(Random rnd, Node parent, int depth, int maxDepth, int maxFanOut, boolean underTimeout) {
            Node n = node(parent);
            n.supervisor = rnd.nextInt(4) == 0;
            int w = rnd.nextInt(4);
            n.wrap = w < 2 ? Wrap.NONE : w == 2 ? Wrap.FAIL_AFTER : Wrap.MOVE_ON_AFTER;
            n.timeoutMicros = 500 + rnd.nextInt(4000);
            boolean timed = underTimeout || n.wrap != Wrap.NONE;
            int fanOut = 1 + rnd.nextInt(maxFanOut);
            for (int i = 0; i < fanOut; i++) {
                if (depth + 1 >= maxDepth || rnd.nextInt(3) == 0) {
                    n.children.add(leaf(rnd, n, timed));
                } else {
                    n.children.add(inner(rnd, n, depth + 1, maxDepth, maxFanOut, timed));
                }
            }
            if (rnd.nextInt(6) == 0) {
                n.cancel = rnd.nextInt(fanOut + 1);
            }
            return n;
        }

        private Node leaf(Random rnd, Node parent, boolean underTimeout) {
            Node n = node(parent);
            int r = rnd.nextInt(100);
            if (underTimeout) { // only a timeout guarantees that a hanging leaf ends
                n.leaf = r < 35 ? Leaf.SUCCEED : r < 65 ? Leaf.FAIL : r < 85 ? Leaf.HANG : Leaf.FAIL_ON_CANCEL;
            } else {
                n.leaf = r < 55 ? Leaf.SUCCEED : Leaf.FAIL;
            }
            n.sleepMicros = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(2000);
            return n;
        }

        // ---- running it -------------------------------------------------------------------------

        Object run(Node n) throws Exception {
            n.started = true;
            try {
                return n.leaf != null ? runLeaf(n) : runInner(n);
            } finally {
                n.ended = true;
            }
        }

        private Object runLeaf(Node n) {
            switch (n.leaf) {
                case SUCCEED -> {
                    pause(n.sleepMicros);
                    return n.id;
                }
                case FAIL -> {
                    pause(n.sleepMicros);
                    throw inject(n);
                }
                case HANG -> {
                    Weft.sleep(Duration.ofMinutes(10));
                    throw new AssertionError("a hanging leaf woke up");
                }
                default -> {
                    try {
                        Weft.sleep(Duration.ofMinutes(10));
                    } catch (CancelledException e) {
                        throw inject(n); // cleanup that fails while cancelled
                    }
                    throw new AssertionError("a hanging leaf woke up");
                }
            }
        }

        private static void pause(long micros) {
            if (micros == 0) {
                Weft.yieldNow();
            } else {
                Weft.sleep(Duration.ofNanos(micros * 1000));
            }
        }

        private RuntimeException inject(Node n) {
            RuntimeException f = new InjectedFailure("injected by tree " + seed + " node " + n.id);
            injected.put(f, n);
            return f;
        }

        private Object runInner(Node n) {
            Duration timeout = Duration.ofNanos(n.timeoutMicros * 1000);
            switch (n.wrap) {
                case NONE -> scopeBlock(n);
                case FAIL_AFTER -> Weft.failAfter(timeout, () -> scopeBlock(n));
                default -> Weft.moveOnAfter(timeout, () -> scopeBlock(n));
            }
            return n.id;
        }

        private void scopeBlock(Node n) {
            List<Task<Object>> tasks = new ArrayList<>();
            try (TaskScope scope = n.supervisor ? TaskScope.openSupervisor() : TaskScope.open("node-" + n.id)) {
                for (Node child : n.children) {
                    tasks.add(scope.spawn("node-" + child.id, () -> run(child)));
                }
                if (n.cancel >= 0 && n.cancel < n.children.size()) {
                    tasks.get(n.cancel).cancel("deliberate");
                } else if (n.cancel == n.children.size()) {
                    scope.cancel("deliberate");
                }
                scope.join();
                if (n.supervisor) {
                    for (Task<Object> t : tasks) {
                        if (t.state() == Task.State.FAILED) {
                            retrieved.add(t.exceptionNow());
                        }
                    }
                }
            } finally {
                // Invariant 1: the block is left; nothing spawned into it may still run.
                for (int i = 0; i < tasks.size(); i++) {
                    Node child = n.children.get(i);
                    if (!tasks.get(i).isDone() || (child.started && !child.ended)) {
                        violations.add("task of node " + child.id + " outlived the scope of node " + n.id);
                    }
                }
            }
        }

        // ---- checking it ------------------------------------------------------------------------

        void check(Task<Object> rootTask, Set<String> loggedMessages) {
            Set<Throwable> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
            ArrayDeque<Throwable> pending = new ArrayDeque<>(retrieved);
            if (rootTask.state() == Task.State.FAILED) {
                pending.add(rootTask.exceptionNow());
            } else if (rootTask.state() == Task.State.CANCELLED) {
                violations.add("the root task was cancelled, but nobody cancelled it");
            }
            while (!pending.isEmpty()) {
                Throwable t = pending.pop();
                if (!reachable.add(t)) {
                    continue;
                }
                if (!(t instanceof InjectedFailure || t instanceof TaskScopeFailedException
                        || t instanceof DeadlineExceededException || t instanceof CancelledException)) {
                    violations.add("unexpected exception reported: " + t);
                }
                if (t.getCause() != null) {
                    pending.add(t.getCause());
                }
                Collections.addAll(pending, t.getSuppressed());
                if (t instanceof TaskScopeFailedException f) {
                    pending.addAll(f.failures());
                }
            }
            injected.forEach((failure, node) -> {
                boolean logged = loggedMessages.contains(failure.getMessage());
                if (reachable.contains(failure)) {
                    reportedCount++;
                    if (logged) {
                        violations.add("reported and also logged as never retrieved: " + failure.getMessage());
                    }
                } else if (logged) {
                    loggedCount++;
                    if (!node.supervisorOnPath()) {
                        violations.add("logged instead of reported, with no supervisor on the path: "
                                + failure.getMessage() + " (path " + path(node) + ")");
                    }
                } else {
                    violations.add("lost failure: " + failure.getMessage() + " (path " + path(node) + ")");
                }
            });
            for (Node n : all) {
                if (n.started && !n.ended) {
                    violations.add("node " + n.id + " still running after Weft.run returned");
                }
            }
        }

        private static String path(Node n) {
            StringBuilder sb = new StringBuilder();
            for (Node x = n; x != null; x = x.parent) {
                sb.append(x.id).append(x.leaf != null ? ":" + x.leaf : x.supervisor ? ":sup" : ":ff")
                        .append(x.wrap != Wrap.NONE ? "/" + x.wrap : "")
                        .append(x.parent != null ? " < " : "");
            }
            return sb.toString();
        }
    }

    /** A failure the test threw on purpose; tracked by identity. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message, null, false, false);
        }
    }

    // ---- driver ------------------------------------------------------------------------------------

    /** Messages of every exception, causes and suppressed included, in WARN events so far. */
    private Set<String> loggedMessages() {
        Set<String> messages = new java.util.HashSet<>();
        ArrayDeque<ch.qos.logback.classic.spi.IThrowableProxy> pending = new ArrayDeque<>();
        for (var event : log.events(ch.qos.logback.classic.Level.WARN)) {
            if (event.getThrowableProxy() != null) {
                pending.add(event.getThrowableProxy());
            }
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            var p = pending.pop();
            if (seen.add(p)) {
                messages.add(p.getMessage());
                if (p.getCause() != null) {
                    pending.add(p.getCause());
                }
                Collections.addAll(pending, p.getSuppressed());
            }
        }
        return messages;
    }

    private void runTrees(int count, int maxDepth, int maxFanOut) {
        log.quiet(); // unretrieved failures of cancelled supervisors are logged by design
        System.out.println("ScopeTreeStressTest: " + count + " trees, seed " + SEED
                + " (replay with -Dweft.stress.seed=" + SEED + ")");
        List<String> violations = new ArrayList<>();
        int tasks = 0;
        int reported = 0;
        int loggedOnly = 0;
        for (int start = 0; start < count; start += TREES_PER_LOOP) {
            List<Tree> trees = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + TREES_PER_LOOP); i++) {
                trees.add(new Tree(SEED + i, maxDepth, maxFanOut));
            }
            List<Task<Object>> roots = new ArrayList<>();
            Weft.run(() -> {
                try (TaskScope batch = TaskScope.openSupervisor()) {
                    for (Tree tree : trees) {
                        roots.add(batch.spawn("tree-" + tree.seed, () -> tree.run(tree.root)));
                    }
                    batch.join();
                    for (Task<Object> root : roots) {
                        if (root.state() == Task.State.FAILED) {
                            root.exceptionNow(); // retrieved: checked below
                        }
                    }
                }
            });
            Set<String> logged = loggedMessages();
            for (int i = 0; i < trees.size(); i++) {
                Tree tree = trees.get(i);
                tree.check(roots.get(i), logged);
                tasks += tree.all.size();
                reported += tree.reportedCount;
                loggedOnly += tree.loggedCount;
                for (String v : tree.violations) {
                    violations.add("tree seed " + tree.seed + ": " + v);
                }
            }
        }
        System.out.println("ScopeTreeStressTest: " + tasks + " tasks, " + (reported + loggedOnly)
                + " injected failures accounted for: " + reported + " reported, " + loggedOnly
                + " logged as never retrieved");
        assertTrue(violations.isEmpty(), violations.size() + " violations, first ones:\n"
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))));
        assertTrue(tasks > count, "the trees were trivial");
        assertTrue(reported > count / 10, "too few failures reached the top: the trees did not exercise reporting");
    }
}
