package org.jblktrace.core.kernel.relay;

/** Request numbers of the blktrace ioctls, built like the kernel's {@code _IO}/{@code _IOWR} macros. */
public final class TraceIoctl {
    private static final int BLOCK_IOCTL_TYPE = 0x12;
    private static final long DIRECTION_NONE = 0;
    private static final long DIRECTION_READ_WRITE = 3;

    public static final long SETUP = request(DIRECTION_READ_WRITE, 115, TraceSetupBlock.SIZE);
    public static final long START = request(DIRECTION_NONE, 116, 0);
    public static final long STOP = request(DIRECTION_NONE, 117, 0);
    public static final long TEARDOWN = request(DIRECTION_NONE, 118, 0);

    private TraceIoctl() {
    }

    /** The generic Linux encoding: direction in bits 30-31, size 16-29, type 8-15, number 0-7. */
    static long request(long direction, int number, int size) {
        return direction << 30 | (long) size << 16 | BLOCK_IOCTL_TYPE << 8 | number;
    }
}
