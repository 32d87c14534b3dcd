package org.jblktrace.core.kernel;

/**
 * Linux's generic ioctl request encoding, the kernel's {@code _IOC} macro (x86, arm, riscv):
 * direction in bits 30-31, argument size 16-29, type 8-15, number 0-7. Public only because the
 * relay and module packages share it.
 */
public final class Ioctl {
    public static final int NONE = 0;
    /** The caller writes the argument (the kernel reads it). */
    public static final int WRITE = 1;
    /** The caller reads the argument (the kernel writes it). */
    public static final int READ = 2;

    private Ioctl() {
    }

    /** The request number, as the unsigned 32-bit value libc's {@code unsigned long} receives. */
    public static long request(int direction, int type, int number, int size) {
        return Integer.toUnsignedLong(direction << 30 | size << 16 | type << 8 | number);
    }
}
