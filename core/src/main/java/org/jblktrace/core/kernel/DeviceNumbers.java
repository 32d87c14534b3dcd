package org.jblktrace.core.kernel;

/** glibc's {@code major()} and {@code minor()} of a user-space {@code dev_t} (a node's rdev). */
public final class DeviceNumbers {
    private DeviceNumbers() {
    }

    public static int major(long rdev) {
        return (int) (((rdev >>> 8) & 0xFFF) | ((rdev >>> 32) & ~0xFFFL));
    }

    public static int minor(long rdev) {
        return (int) ((rdev & 0xFF) | ((rdev >>> 12) & ~0xFFL));
    }
}
