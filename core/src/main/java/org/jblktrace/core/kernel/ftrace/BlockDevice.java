package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jblktrace.core.kernel.DeviceNode;

/** A block device to trace: its node and its sysfs blktrace controls. */
final class BlockDevice {
    /** The path the caller gave. */
    final String path;
    /** The blktrace name: the kernel's name with {@code /} replaced by {@code _}. */
    final String name;
    final int major;
    final int minor;
    /** {@code /sys/.../trace}: enable, act_mask, pid, start_lba, end_lba. */
    final Path traceControls;

    private BlockDevice(DeviceNode node, Path traceControls) {
        this.path = node.path();
        this.name = node.name();
        this.major = node.major();
        this.minor = node.minor();
        this.traceControls = traceControls;
    }

    /** The device number as records carry it (the kernel's internal dev_t). */
    int recordDevice() {
        return org.jblktrace.core.record.Blk.device(major, minor);
    }

    Path control(String name) {
        return traceControls.resolve(name);
    }

    /** Whether the kernel has removed the device since it was resolved (its trace went with it). */
    boolean removed() {
        return isControlOfRemovedDevice(control("enable"));
    }

    /** Whether {@code file} is one of a device's blktrace controls and that device is gone. */
    static boolean isControlOfRemovedDevice(Path file) {
        Path controls = file.getParent();
        return controls != null && controls.getParent() != null && controls.endsWith("trace")
            && !Files.exists(controls.getParent(), LinkOption.NOFOLLOW_LINKS);
    }

    static BlockDevice resolve(String path, Path sysRoot) throws CaptureException {
        DeviceNode node;
        try {
            node = DeviceNode.resolve(path, sysRoot);
        } catch (IOException e) {
            throw new CaptureException(e.getMessage(), e);
        }
        Path controls = node.sysfsDirectory().resolve("trace");
        if (!Files.isDirectory(controls, LinkOption.NOFOLLOW_LINKS)) {
            throw CaptureException.unavailable("block device " + path + " has no blktrace controls (" + controls + ")");
        }
        return new BlockDevice(node, controls);
    }
}
