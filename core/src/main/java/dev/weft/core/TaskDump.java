package dev.weft.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A snapshot of a loop's task tree, for {@code Loop.dumpTasks()} and its JSON form: every scope
 * with its tasks, each task with its state, age, regions and what it waits on, and the cycles of
 * the wait-for graph (deadlocks).
 *
 * <h2>Implementation notes</h2>
 * What a task waits on is {@link TaskImpl#waitingOn}, one reference the task writes when it
 * parks in Weft's wait engine; it is described here, lazily, so that waiting costs one plain
 * write. The snapshot is not atomic: tasks move while it is taken, so a task may show as
 * running that has just parked, or the reverse. A task parked outside Weft (a socket read, a JDK
 * lock) has no such reference; its thread's state and stack say what it is blocked in, or its
 * park blocker, if that is a Weft {@code Function<Thread, String>} describing the thread's wait
 * (net's NIO transport parks on one, which names the operation and the channel with its peer).
 * Wait-for edges: a join (task or scope) points at the tasks joined, a lock acquire at the lock's
 * holder; a cycle among them is a deadlock, reported below the tree.
 */
final class TaskDump {
    private final LoopImpl loop;
    private final long now;
    private final ScopeView root;
    private final Map<TaskImpl<?>, TaskView> views = new HashMap<>();
    private final List<List<TaskView>> deadlocks;

    private TaskDump(LoopImpl loop) {
        this.loop = loop;
        this.now = loop.time();
        this.root = scope(loop.root);
        this.deadlocks = findCycles();
    }

    static TaskDump of(LoopImpl loop) {
        return new TaskDump(loop);
    }

    // ---- the model ---------------------------------------------------------------------------

    record ScopeView(String name, String owner, String regions, List<TaskView> tasks) {}

    static final class TaskView {
        final TaskImpl<?> task;
        final String name;
        final String state;
        final long ageNanos;
        final String regions;
        final String waitKind;
        final String waitText;
        final List<TaskImpl<?>> waitsFor;
        final List<ScopeView> scopes = new ArrayList<>();

        TaskView(TaskImpl<?> task, String state, long ageNanos, String regions, String waitKind, String waitText,
                 List<TaskImpl<?>> waitsFor) {
            this.task = task;
            this.name = task.name();
            this.state = state;
            this.ageNanos = ageNanos;
            this.regions = regions;
            this.waitKind = waitKind;
            this.waitText = waitText;
            this.waitsFor = waitsFor;
        }
    }

    private ScopeView scope(ScopeImpl s) {
        List<TaskImpl<?>> kids = new ArrayList<>();
        s.collectChildren(kids);
        Collections.reverse(kids); // the scope links its newest child first: show spawn order
        List<TaskView> tasks = new ArrayList<>();
        for (TaskImpl<?> t : kids) {
            if (!t.isDone()) {
                tasks.add(task(t));
            }
        }
        String regions = join(region(s.body), s.children.isCancelled() && !s.body.isCancelled()
                ? "tasks cancelled (" + s.children.reason() + ")" : "");
        return new ScopeView(s.name(), s.owner == null ? null : s.owner.name(), regions, tasks);
    }

    private TaskView task(TaskImpl<?> t) {
        Object on = t.waitingOn; // one racy read: the rest describes this value
        List<TaskImpl<?>> waitsFor = new ArrayList<>();
        String[] wait = describeWait(t, on, waitsFor);
        String state = t.isCancelRequested() ? "CANCELLING" : t.state().name();
        StringBuilder regions = new StringBuilder();
        for (CancelNode n = t.currentNode(); n != null && n != t.root.parent; n = n.parent) {
            if (n.kind == CancelNode.BLOCK || n.kind == CancelNode.SHIELD || n.kind == CancelNode.TASK) {
                String r = region(n);
                if (n.kind == CancelNode.SHIELD) {
                    r = join("shield", r);
                }
                if (!r.isEmpty()) {
                    regions.append(regions.isEmpty() ? "" : "; ")
                            .append(n.kind == CancelNode.TASK ? "task: " : n.kind == CancelNode.BLOCK ? "block: " : "").append(r);
                }
            }
        }
        TaskView v = new TaskView(t, state, now - t.born, regions.toString(), wait[0], wait[1], waitsFor);
        views.put(t, v);
        List<ScopeImpl> open = new ArrayList<>();
        for (ScopeImpl s = t.innermostScope; s != null; s = s.outer) {
            open.add(s);
        }
        Collections.reverse(open); // outermost first
        for (ScopeImpl s : open) {
            v.scopes.add(scope(s));
        }
        return v;
    }

    /** "cancelled (why)", "deadline in 1.500s", both, or "". */
    private String region(CancelNode n) {
        String cancelled = n.isCancelled() ? "cancelled (" + n.reason() + ")" : "";
        long d = n.deadline();
        String deadline = d == Long.MAX_VALUE ? "" : "deadline in " + seconds(d - now);
        return join(cancelled, deadline);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b;
    }

    /** {kind, text} for what {@code t} waits on; adds the tasks it waits for to {@code waitsFor}. */
    private String[] describeWait(TaskImpl<?> t, Object on, List<TaskImpl<?>> waitsFor) {
        if (on == null) {
            return outsideWeft(t);
        }
        if (on instanceof TaskImpl<?> joined) {
            waitsFor.add(joined);
            return new String[] {"join", "joins task '" + joined.name() + "'"};
        }
        if (on instanceof ScopeImpl s) {
            List<TaskImpl<?>> kids = new ArrayList<>();
            s.collectChildren(kids);
            waitsFor.addAll(kids);
            return new String[] {"scope", "joins scope '" + s.name() + "' (" + kids.size() + " tasks left)"};
        }
        if (on instanceof Blocking.WakeTimer timer) {
            return new String[] {"sleep", "sleeps, due in " + seconds(timer.when - now)};
        }
        if (on == Blocking.SLEEP) {
            return new String[] {"sleep", "sleeps forever"};
        }
        if (on instanceof Combinators.ThreadJob<?> job) {
            return new String[] {"toThread", job.toString()};
        }
        if (on instanceof WaitQueue.Node node) {
            return primitive(node.queue.primitive, node.queue, waitsFor);
        }
        if (on instanceof FutureCore<?> f) {
            return new String[] {"future", "awaits " + primitiveName(f)};
        }
        if (on instanceof List<?> list) {
            return new String[] {"tasks", "waits for " + list.size() + " tasks" + names(list)};
        }
        if (on instanceof CompletionStage<?> || on instanceof Future<?>) {
            return new String[] {"future", "awaits a " + on.getClass().getSimpleName()};
        }
        if (on.getClass().getName().startsWith(SelectImpl.class.getName())) {
            return new String[] {"select", "selects over channels"};
        }
        return new String[] {"weft", "waits in Weft (" + on.getClass().getSimpleName() + ")"};
    }

    private static String names(List<?> list) {
        StringBuilder b = new StringBuilder();
        for (Object o : list) {
            if (o instanceof TaskImpl<?> t) {
                b.append(b.isEmpty() ? ": " : ", ").append('\'').append(t.name()).append('\'');
            }
        }
        return b.toString();
    }

    private String[] primitive(Object p, WaitQueue queue, List<TaskImpl<?>> waitsFor) {
        if (p instanceof LockImpl lock) {
            Object holder = lock.holder();
            if (holder instanceof TaskImpl<?> h) {
                waitsFor.add(h);
            }
            return new String[] {"lock", "acquires " + primitiveName(p)
                    + (holder == null ? "" : ", held by " + Waiter.describe(holder))};
        }
        if (p instanceof ChannelCore<?> c) {
            return new String[] {"channel", (queue == c.senders ? "sends on " : "receives from ") + primitiveName(p)};
        }
        String kind = p instanceof QueueImpl<?> ? "queue" : p instanceof EventImpl ? "event"
                : p instanceof SemaphoreImpl ? "semaphore" : p instanceof ConditionImpl ? "condition"
                : p instanceof BarrierImpl ? "barrier" : p instanceof CapacityLimiterImpl ? "limiter" : "primitive";
        return new String[] {kind, "waits on " + primitiveName(p)};
    }

    /** The primitive's own description and its identity, so two of them are told apart. */
    private static String primitiveName(Object p) {
        return p + "@" + Integer.toHexString(System.identityHashCode(p));
    }

    /** A task not parked in Weft's engine: running, or blocked in JDK code (a socket, a JDK lock). */
    private static String[] outsideWeft(TaskImpl<?> t) {
        Thread.State st = t.thread.getState();
        if (st == Thread.State.RUNNABLE || st == Thread.State.NEW) {
            return new String[] {"running", "running"};
        }
        if (st == Thread.State.TERMINATED) {
            return new String[] {"running", "ending"};
        }
        if (LockSupport.getBlocker(t.thread) instanceof Function<?, ?> f && f.getClass().getName().startsWith("dev.weft.")) {
            // a Weft park blocker that describes the wait of a thread: net's NIO interest
            @SuppressWarnings("unchecked")
            String what = ((Function<Thread, String>) f).apply(t.thread);
            return new String[] {"net", "blocked in net I/O: " + what};
        }
        StackTraceElement[] stack = t.thread.getStackTrace();
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            if (c.startsWith("dev.weft.net.")) {
                return new String[] {"net", "blocked in net I/O (" + simple(c) + ")"};
            }
            if (c.startsWith("sun.nio.ch.") || c.startsWith("java.net.")) {
                String m = e.getMethodName().toLowerCase(Locale.ROOT);
                String op = m.contains("read") || m.contains("receive") ? "read" : m.contains("write") || m.contains("send")
                        ? "write" : m.contains("accept") ? "accept" : m.contains("connect") ? "connect" : null;
                if (op != null) {
                    return new String[] {"socket", "blocked in socket " + op + " (" + simple(c) + ")"};
                }
            }
        }
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                return new String[] {"blocked", "blocked outside Weft (" + st + ") in " + e};
            }
        }
        return new String[] {"blocked", "blocked outside Weft (" + st + ")"};
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }

    // ---- deadlocks -----------------------------------------------------------------------------

    /** The cycles of the wait-for graph, each once, starting at its first task in the tree. */
    private List<List<TaskView>> findCycles() {
        List<List<TaskView>> cycles = new ArrayList<>();
        Set<TaskImpl<?>> done = new HashSet<>();
        for (TaskView start : orderedViews()) {
            if (done.contains(start.task)) {
                continue;
            }
            cycle(start, new LinkedHashSet<>(), done, cycles);
        }
        return cycles;
    }

    private void cycle(TaskView v, LinkedHashSet<TaskView> path, Set<TaskImpl<?>> done, List<List<TaskView>> cycles) {
        if (path.contains(v)) {
            List<TaskView> onPath = new ArrayList<>(path);
            cycles.add(new ArrayList<>(onPath.subList(onPath.indexOf(v), onPath.size())));
            return;
        }
        if (done.contains(v.task)) {
            return;
        }
        path.add(v);
        for (TaskImpl<?> next : v.waitsFor) {
            TaskView nv = views.get(next);
            if (nv != null) {
                cycle(nv, path, done, cycles);
            }
        }
        path.remove(v);
        done.add(v.task);
    }

    private List<TaskView> orderedViews() {
        List<TaskView> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(ScopeView s, List<TaskView> into) {
        for (TaskView t : s.tasks()) {
            into.add(t);
            for (ScopeView inner : t.scopes) {
                collect(inner, into);
            }
        }
    }

    // ---- rendering -----------------------------------------------------------------------------

    String text() {
        StringBuilder b = new StringBuilder();
        List<TaskView> all = orderedViews();
        b.append("loop ").append(loop.name()).append(" (").append(loopState()).append("), ")
                .append(all.size()).append(all.size() == 1 ? " task" : " tasks").append('\n');
        text(root, 1, b);
        if (!deadlocks.isEmpty()) {
            for (List<TaskView> cycle : deadlocks) {
                b.append("DEADLOCK: ");
                for (TaskView t : cycle) {
                    b.append("task '").append(t.name).append("' ").append(t.waitText).append(" -> ");
                }
                b.append("task '").append(cycle.get(0).name).append("'\n");
            }
        }
        return b.toString();
    }

    private static void text(ScopeView s, int depth, StringBuilder b) {
        indent(b, depth).append("scope '").append(s.name()).append('\'');
        if (!s.regions().isEmpty()) {
            b.append(" [").append(s.regions()).append(']');
        }
        b.append('\n');
        for (TaskView t : s.tasks()) {
            indent(b, depth + 1).append("task '").append(t.name).append("' ").append(t.state)
                    .append(", age ").append(seconds(t.ageNanos));
            if (!t.regions.isEmpty()) {
                b.append(" [").append(t.regions).append(']');
            }
            b.append(": ").append(t.waitText).append('\n');
            for (ScopeView inner : t.scopes) {
                text(inner, depth + 2, b);
            }
        }
    }

    private static StringBuilder indent(StringBuilder b, int depth) {
        return b.append("  ".repeat(depth));
    }

    private String loopState() {
        return loop.isClosed() ? "closed" : loop.isRunning() ? "running" : "idle";
    }

    String json() {
        StringBuilder b = new StringBuilder();
        b.append("{\"loop\":").append(str(loop.name())).append(",\"state\":").append(str(loopState()))
                .append(",\"time\":").append(now).append(",\"root\":");
        json(root, b);
        b.append(",\"deadlocks\":[");
        for (int i = 0; i < deadlocks.size(); i++) {
            b.append(i > 0 ? "," : "").append('[');
            List<TaskView> cycle = deadlocks.get(i);
            for (int j = 0; j < cycle.size(); j++) {
                b.append(j > 0 ? "," : "").append(str(cycle.get(j).name));
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }

    private static void json(ScopeView s, StringBuilder b) {
        b.append("{\"scope\":").append(str(s.name())).append(",\"owner\":").append(str(s.owner()))
                .append(",\"regions\":").append(str(s.regions())).append(",\"tasks\":[");
        for (int i = 0; i < s.tasks().size(); i++) {
            TaskView t = s.tasks().get(i);
            b.append(i > 0 ? "," : "").append("{\"name\":").append(str(t.name))
                    .append(",\"thread\":").append(str(t.task.thread.getName()))
                    .append(",\"state\":").append(str(t.state))
                    .append(",\"ageNanos\":").append(t.ageNanos)
                    .append(",\"regions\":").append(str(t.regions))
                    .append(",\"waiting\":{\"kind\":").append(str(t.waitKind))
                    .append(",\"on\":").append(str(t.waitText))
                    .append(",\"waitsFor\":[");
            for (int j = 0; j < t.waitsFor.size(); j++) {
                b.append(j > 0 ? "," : "").append(str(t.waitsFor.get(j).name()));
            }
            b.append("]},\"scopes\":[");
            for (int j = 0; j < t.scopes.size(); j++) {
                if (j > 0) {
                    b.append(',');
                }
                json(t.scopes.get(j), b);
            }
            b.append("]}");
        }
        b.append("]}");
    }

    /** A JSON string (or null). */
    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
