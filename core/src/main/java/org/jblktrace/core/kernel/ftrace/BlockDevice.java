package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jblktrace.core.record.Blk;

/** A block device to trace: its name, number and sysfs blktrace controls. */
final class BlockDevice {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    /** The path the caller gave. */
    final String path;
    /** The blktrace name: the kernel's name with {@code /} replaced by {@code _}. */
    final String name;
    final int major;
    final int minor;
    /** {@code /sys/.../trace}: enable, act_mask, pid, start_lba, end_lba. */
    final Path traceControls;

    private BlockDevice(String path, String name, int major, int minor, Path traceControls) {
        this.path = path;
        this.name = name;
        this.major = major;
        this.minor = minor;
        this.traceControls = traceControls;
    }

    /** The device number as records carry it (the kernel's internal dev_t). */
    int recordDevice() {
        return Blk.device(major, minor);
    }

    Path control(String name) {
        return traceControls.resolve(name);
    }

    static BlockDevice resolve(String path, Path sysRoot) throws CaptureException {
        Path node = Path.of(path);
        int mode;
        long rdev;
        try {
            mode = (Integer) Files.getAttribute(node, "unix:mode");
            rdev = (Long) Files.getAttribute(node, "unix:rdev");
        } catch (IOException e) {
            throw new CaptureException("device " + path + " does not exist or cannot be examined: "
                + CaptureException.reason(e), e);
        }
        if ((mode & S_IFMT) != S_IFBLK) {
            throw new CaptureException(path + " is not a block device");
        }
        int major = decodeMajor(rdev);
        int minor = decodeMinor(rdev);
        Path sysfs;
        try {
            sysfs = sysRoot.resolve("dev/block/" + major + ":" + minor).toRealPath();
        } catch (IOException e) {
            throw new CaptureException("block device " + path + " (" + major + ":" + minor + ") is not present in sysfs");
        }
        Path controls = sysfs.resolve("trace");
        if (!Files.isDirectory(controls, LinkOption.NOFOLLOW_LINKS)) {
            throw new CaptureException("block device " + path + " has no blktrace controls (" + controls + ")");
        }
        // sysfs spells '/' in device names as '!'; blktrace names use '_'.
        String name = sysfs.getFileName().toString().replace('!', '_');
        return new BlockDevice(path, name, major, minor, controls);
    }

    /** glibc's major() of a user-space dev_t. */
    static int decodeMajor(long rdev) {
        return (int) (((rdev >>> 8) & 0xFFF) | ((rdev >>> 32) & ~0xFFFL));
    }

    /** glibc's minor() of a user-space dev_t. */
    static int decodeMinor(long rdev) {
        return (int) ((rdev & 0xFF) | ((rdev >>> 12) & ~0xFFL));
    }
}
