package org.jblktrace.core.kernel.relay;

import org.jblktrace.core.kernel.Ioctl;

/**
 * Request numbers of the blktrace ioctls without an argument, built like the kernel's
 * {@code _IO} macro; the set-up requests come with their argument, {@link TraceSetupBlock}.
 */
public final class TraceIoctl {
    private static final int BLOCK_IOCTL_TYPE = 0x12;

    public static final long START = Ioctl.request(Ioctl.NONE, BLOCK_IOCTL_TYPE, 116, 0);
    public static final long STOP = Ioctl.request(Ioctl.NONE, BLOCK_IOCTL_TYPE, 117, 0);
    public static final long TEARDOWN = Ioctl.request(Ioctl.NONE, BLOCK_IOCTL_TYPE, 118, 0);

    private TraceIoctl() {
    }
}
