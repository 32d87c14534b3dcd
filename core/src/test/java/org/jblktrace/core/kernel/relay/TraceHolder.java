package org.jblktrace.core.kernel.relay;

import java.util.List;

/**
 * Child process for the teardown test: sets up a trace on the device given as argument,
 * announces it and waits to be killed without ever calling close().
 */
public final class TraceHolder {
    private TraceHolder() {
    }

    public static void main(String[] args) throws Exception {
        RelayTrace trace = RelayTrace.setup(List.of(args[0]), RelayTrace.Settings.defaults().withBuffers(4096, 2));
        System.out.println("traced " + trace.names().get(0));
        System.out.flush();
        Thread.sleep(60_000);
    }
}
