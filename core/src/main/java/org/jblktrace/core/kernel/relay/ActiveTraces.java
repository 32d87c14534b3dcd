package org.jblktrace.core.kernel.relay;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every device trace this JVM set up and has not yet released. A shutdown hook releases what is
 * left, so an exit by signal or by an uncaught error never leaves a kernel trace running.
 */
final class ActiveTraces {
    private static final Set<DeviceTrace> ACTIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private ActiveTraces() {
    }

    static synchronized void add(DeviceTrace trace) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ActiveTraces::releaseAll, "blktrace-teardown"));
            hookInstalled = true;
        }
        ACTIVE.add(trace);
    }

    static synchronized void remove(DeviceTrace trace) {
        ACTIVE.remove(trace);
    }

    private static synchronized void releaseAll() {
        for (DeviceTrace trace : ACTIVE) {
            trace.close();
        }
        ACTIVE.clear();
    }
}
