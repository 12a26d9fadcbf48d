package dev.weft.examples;

import com.sun.tools.attach.VirtualMachine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code ./weft tasks PID [--json]}: prints the task tree of every Weft loop in a running JVM
 * (asyncio's {@code python -m asyncio pstree PID}). It attaches to the process (same user, JDK's
 * attach API), starts its local JMX agent if needed, and calls the {@code dumpTasks} operation
 * of each MBean {@code dev.weft:type=Loop,name=*}.
 */
public final class TaskTree {
    private TaskTree() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || args.length == 2 && !args[1].equals("--json")) {
            System.err.println("usage: weft tasks PID [--json]   (PID of a running Weft program; see jps)");
            System.exit(2);
        }
        long pid;
        try {
            pid = Long.parseLong(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("weft tasks: '" + args[0] + "' is not a process id; find it with jps or ps");
            System.exit(2);
            return;
        }
        System.out.print(dump(pid, args.length == 2));
    }

    /** The dumps of every loop in process {@code pid}, text (or JSON lines), oldest loop first. */
    static String dump(long pid, boolean json) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            List<ObjectName> loops = new ArrayList<>(server.queryNames(new ObjectName("dev.weft:type=Loop,*"), null));
            if (loops.isEmpty()) {
                return "process " + pid + " has no open Weft loop\n";
            }
            loops.sort(Comparator.comparingLong(TaskTree::loopNumber));
            StringBuilder out = new StringBuilder();
            for (ObjectName loop : loops) {
                String dump = (String) server.invoke(loop, json ? "dumpTasksJson" : "dumpTasks", null, null);
                out.append(dump).append(json ? "\n" : "");
            }
            return out.toString();
        }
    }

    private static long loopNumber(ObjectName name) {
        String n = name.getKeyProperty("name");
        try {
            return Long.parseLong(n.substring(n.lastIndexOf('-') + 1));
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
