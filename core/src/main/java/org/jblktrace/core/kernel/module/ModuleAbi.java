package org.jblktrace.core.kernel.module;

import org.jblktrace.core.kernel.Ioctl;

/**
 * The /dev/jblktrace control ABI, mirrored from {@code kernel/jblktrace.h} (the single source of
 * truth). A test compiles that header and checks every value here against it.
 */
public final class ModuleAbi {
    private ModuleAbi() {
    }

    public static final String DEVICE_PATH = "/dev/jblktrace";
    /** Directory under the debugfs mount that holds one directory per traced device. */
    public static final String DEBUGFS_DIR = "jblktrace";
    public static final int NAME_LEN = 32;
    /** Record versions a trace can ask for: {@code blk_io_trace} (48 bytes) and {@code blk_io_trace2} (64). */
    public static final int VERSION_7 = 7;
    public static final int VERSION_8 = 8;

    /** {@code struct jblktrace_setup}: field offsets and total size. */
    public static final int SETUP_MAJOR = 0;
    public static final int SETUP_MINOR = 4;
    public static final int SETUP_ACT_MASK = 8;
    public static final int SETUP_VERSION = 10;
    public static final int SETUP_BUF_SIZE = 12;
    public static final int SETUP_BUF_NR = 16;
    public static final int SETUP_PID = 20;
    public static final int SETUP_START_LBA = 24;
    public static final int SETUP_END_LBA = 32;
    public static final int SETUP_NAME = 40;
    public static final int SETUP_SIZE = 72;

    /** {@code struct jblktrace_device}: field offsets and total size. */
    public static final int DEVICE_MAJOR = 0;
    public static final int DEVICE_MINOR = 4;
    public static final int DEVICE_SIZE = 8;

    public static final int IOC_MAGIC = 0xB7;
    public static final int SETUP = ioc(Ioctl.READ | Ioctl.WRITE, 1, SETUP_SIZE);
    public static final int START = ioc(Ioctl.WRITE, 2, DEVICE_SIZE);
    public static final int STOP = ioc(Ioctl.WRITE, 3, DEVICE_SIZE);
    public static final int TEARDOWN = ioc(Ioctl.WRITE, 4, DEVICE_SIZE);

    /** Largest device numbers the kernel's dev_t can hold (12-bit major, 20-bit minor). */
    public static final int MAX_MAJOR = 0xFFF;
    public static final int MAX_MINOR = 0xFFFFF;

    /** The request's 32 bits; callers widen it unsigned for ioctl. */
    private static int ioc(int direction, int number, int size) {
        return (int) Ioctl.request(direction, IOC_MAGIC, number, size);
    }
}
