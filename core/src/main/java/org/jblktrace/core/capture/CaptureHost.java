package org.jblktrace.core.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.kernel.relay.RelayException;
import org.jblktrace.core.kernel.relay.RelayTrace;
import org.jblktrace.core.record.Blk;

/**
 * What the backends need to know of this machine, read once before any is tried: the devices
 * as sysfs describes them, the online CPUs and the record version the kernel itself writes.
 *
 * @param kernelRecordsVersion8 whether the kernel has {@code blk_io_trace2} (Linux 6.19 and
 *     later: BLKTRACESETUP2, version 8 ftrace entries, zone actions)
 */
public record CaptureHost(List<DeviceNode> devices, OnlineCpus cpus, boolean kernelRecordsVersion8) {
    /** Reads the facts of these device nodes. */
    public static CaptureHost read(List<String> devicePaths) throws IOException {
        OnlineCpus cpus = OnlineCpus.read();
        List<DeviceNode> devices = new ArrayList<>();
        for (String path : devicePaths) {
            devices.add(DeviceNode.resolve(path, DeviceNode.SYSFS));
        }
        boolean version8;
        try {
            version8 = RelayTrace.kernelRecordsVersion8(devicePaths.get(0));
        } catch (RelayException unopenable) {
            // The backends report the device's own error; without an answer, assume the older kernel.
            version8 = false;
        }
        return new CaptureHost(List.copyOf(devices), cpus, version8);
    }

    /** The version {@link CaptureRequest#KERNEL_VERSION} stands for here. */
    public int kernelVersion() {
        return kernelRecordsVersion8 ? Blk.VERSION_8 : Blk.VERSION_7;
    }
}
