package org.jblktrace.trace;

import java.io.PrintStream;
import java.util.List;
import org.jblktrace.core.kernel.relay.RelayException;
import org.jblktrace.core.kernel.relay.RelayTrace;

/**
 * {@code -k}: stop and tear down whatever blktrace is set up on each device, through the
 * block device's ioctls, which work even where the relay files are locked down. Like blktrace
 * it reports a failed teardown and still exits 0.
 */
final class KillMode {
    private KillMode() {
    }

    static int run(List<String> devices, PrintStream stderr) {
        for (String device : devices) {
            try {
                RelayTrace.kill(device);
            } catch (RelayException e) {
                stderr.println(e.getMessage());
            }
        }
        return 0;
    }
}
