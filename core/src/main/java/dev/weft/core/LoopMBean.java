package dev.weft.core;

import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A loop's JMX face, {@code dev.weft:type=Loop,name=<loop name>}, registered on the platform
 * MBean server while the loop is open: operations {@code dumpTasks} and {@code dumpTasksJson},
 * attribute {@code Name}. Reachable with JConsole, JMC, or {@code ./weft tasks PID}. System
 * property {@code weft.jmx=false} turns it off.
 *
 * <h2>Implementation notes</h2>
 * A {@link DynamicMBean}, so that JMX needs no reflective access to this unexported package.
 * Registered and unregistered off the loop's thread, in order, on one daemon thread.
 */
final class LoopMBean implements DynamicMBean {
    private static final boolean ENABLED = !"false".equals(System.getProperty("weft.jmx"));

    private final LoopImpl loop;
    private final ObjectName name;

    private LoopMBean(LoopImpl loop, ObjectName name) {
        this.loop = loop;
        this.name = name;
    }

    /**
     * JMX work runs on one daemon thread, in order (a loop's unregistration after its
     * registration), so that opening a loop never waits for the platform MBean server, whose
     * first use initialises the JDK's management beans.
     */
    private static final ThreadPoolExecutor JMX_WORK;

    static {
        JMX_WORK = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().daemon().name("weft-jmx").unstarted(r));
        JMX_WORK.allowCoreThreadTimeOut(true);
    }

    /**
     * Registers {@code loop}'s MBean in the background; null if JMX is off. A failure is logged
     * at debug level: the loop works without its bean.
     */
    static LoopMBean register(LoopImpl loop) {
        if (!ENABLED) {
            return null;
        }
        ObjectName name;
        try {
            name = ObjectName.getInstance("dev.weft:type=Loop,name=" + loop.name());
        } catch (JMException e) {
            LoopImpl.LOG.debug("loop {}: no MBean name", loop.name(), e);
            return null;
        }
        LoopMBean bean = new LoopMBean(loop, name);
        JMX_WORK.execute(() -> {
            try {
                ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            } catch (JMException | RuntimeException e) {
                LoopImpl.LOG.debug("loop {}: could not register its MBean", loop.name(), e);
            }
        });
        return bean;
    }

    /** Unregisters the bean in the background, after its registration. */
    void unregister() {
        JMX_WORK.execute(() -> {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
            } catch (JMException e) {
                LoopImpl.LOG.debug("loop {}: could not unregister its MBean", loop.name(), e);
            }
        });
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        if ("Name".equals(attribute)) {
            return loop.name();
        }
        throw new AttributeNotFoundException("a Weft loop has only the attribute Name, not " + attribute);
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("a Weft loop's attributes are read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String a : attributes) {
            if ("Name".equals(a)) {
                list.add(new Attribute(a, loop.name()));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        return switch (actionName) {
            case "dumpTasks" -> loop.dumpTasks();
            case "dumpTasksJson" -> loop.dumpTasksJson();
            default -> throw new ReflectionException(new NoSuchMethodException(actionName),
                    "a Weft loop's operations are dumpTasks and dumpTasksJson, not " + actionName);
        };
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanParameterInfo[] none = new MBeanParameterInfo[0];
        return new MBeanInfo(LoopMBean.class.getName(), "A Weft event loop",
                new MBeanAttributeInfo[] {new MBeanAttributeInfo("Name", "java.lang.String", "The loop's name",
                        true, false, false)},
                null,
                new MBeanOperationInfo[] {
                    new MBeanOperationInfo("dumpTasks", "The task tree, as text (Loop.dumpTasks())", none,
                            "java.lang.String", MBeanOperationInfo.INFO),
                    new MBeanOperationInfo("dumpTasksJson", "The task tree, as JSON (Loop.dumpTasksJson())", none,
                            "java.lang.String", MBeanOperationInfo.INFO)},
                null);
    }
}
