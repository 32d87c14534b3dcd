package org.jblktrace.core.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jblktrace.core.record.Blk;

/**
 * A block device node and what sysfs says of it, read once: its numbers, its blktrace name and
 * its sysfs directory. Public only because the capture packages share it.
 *
 * @param path the node as the caller named it
 * @param name the kernel's name with {@code /} as {@code _} (sysfs writes it {@code !}), which
 *     is the name blktrace gives the device's trace
 */
public record DeviceNode(String path, String name, int major, int minor, Path sysfsDirectory) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    public static final Path SYSFS = Path.of("/sys");

    /**
     * Reads the node and its sysfs directory under {@code sysRoot} ({@code /sys}).
     *
     * @throws IOException with a one-line message when the path is no block device or sysfs
     *     does not know it
     */
    public static DeviceNode resolve(String path, Path sysRoot) throws IOException {
        Path node = Path.of(path);
        int mode;
        long rdev;
        try {
            mode = (Integer) Files.getAttribute(node, "unix:mode");
            rdev = (Long) Files.getAttribute(node, "unix:rdev");
        } catch (IOException e) {
            throw new IOException("device " + path + " does not exist or cannot be examined: " + Errno.text(e), e);
        }
        if ((mode & S_IFMT) != S_IFBLK) {
            throw new IOException(path + " is not a block device");
        }
        int major = major(rdev);
        int minor = minor(rdev);
        Path sysfs;
        try {
            sysfs = sysRoot.resolve("dev/block/" + major + ":" + minor).toRealPath();
        } catch (IOException e) {
            throw new IOException("block device " + path + " (" + major + ":" + minor + ") is not present in sysfs", e);
        }
        return new DeviceNode(path, sysfs.getFileName().toString().replace('!', '_'), major, minor, sysfs);
    }

    /** glibc's major() of a user-space dev_t. */
    public static int major(long rdev) {
        return (int) (((rdev >>> 8) & 0xFFF) | ((rdev >>> 32) & ~0xFFFL));
    }

    /** glibc's minor() of a user-space dev_t. */
    public static int minor(long rdev) {
        return (int) ((rdev & 0xFF) | ((rdev >>> 12) & ~0xFFL));
    }

    /** The device number as records carry it (the kernel's internal dev_t). */
    public int recordDevice() {
        return Blk.device(major, minor);
    }

    /** The I/O statistics file ({@code stat}: requests completed, sectors, ticks). */
    public Path statistics() {
        return sysfsDirectory.resolve("stat");
    }
}
