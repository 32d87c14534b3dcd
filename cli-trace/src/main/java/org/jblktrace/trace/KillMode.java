package org.jblktrace.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.ftrace.CaptureException;
import org.jblktrace.core.kernel.ftrace.FtraceCapture;
import org.jblktrace.core.kernel.module.ModuleControl;
import org.jblktrace.core.kernel.module.ModuleControlException;
import org.jblktrace.core.kernel.module.ModuleTraceOwners;
import org.jblktrace.core.kernel.relay.RelayException;
import org.jblktrace.core.kernel.relay.RelayTrace;

/**
 * {@code -k}: first puts back the tracefs settings a dead ftrace run left (its journal under
 * /run/jblktrace says which), then on each device given tears down a module trace that a dead
 * run of ours left ({@link ModuleTraceOwners}), and stops and tears down whatever blktrace is
 * set up, through the block device's ioctls, which work even where the relay files are locked
 * down. A device of a live ftrace run is left alone, and one the recovery just put back
 * needs no teardown. Like blktrace it reports failures and still exits 0.
 */
final class KillMode {
    private KillMode() {
    }

    static int run(List<String> devices, PrintStream stderr) {
        Set<Path> handled = new HashSet<>();
        try {
            FtraceCapture.Recovery recovery = FtraceCapture.recoverAbandoned();
            if (recovery.report() != null) {
                stderr.println("blktrace: " + recovery.report());
            }
            for (String device : recovery.devices()) {
                handled.add(realPath(device));
            }
        } catch (CaptureException e) {
            stderr.println("blktrace: " + e.getMessage());
        }
        for (String device : devices) {
            if (handled.contains(realPath(device))) {
                continue;
            }
            recoverModuleTrace(device, stderr);
            try {
                RelayTrace.kill(device);
            } catch (RelayException e) {
                stderr.println(e.getMessage());
            }
        }
        return 0;
    }

    /** Tears down the module trace a dead run of ours left on the device, if the module is loaded. */
    private static void recoverModuleTrace(String path, PrintStream stderr) {
        DeviceNode device;
        try {
            device = DeviceNode.resolve(path, DeviceNode.SYSFS);
        } catch (IOException notABlockDevice) {
            // The relay teardown that follows reports the device as blktrace does.
            return;
        }
        try (ModuleControl control = ModuleControl.open()) {
            String recovered = ModuleTraceOwners.SYSTEM.recoverAbandoned(device, control);
            if (recovered != null) {
                stderr.println("blktrace: " + recovered);
            }
        } catch (ModuleControlException e) {
            if (e.errno() != Errno.ENOENT) {
                stderr.println("blktrace: " + e.getMessage());
            }
        } catch (IOException e) {
            stderr.println("blktrace: " + Errno.text(e));
        }
    }

    private static Path realPath(String device) {
        try {
            return Path.of(device).toRealPath();
        } catch (IOException gone) {
            return Path.of(device).toAbsolutePath().normalize();
        }
    }
}
