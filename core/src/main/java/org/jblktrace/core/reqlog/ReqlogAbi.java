package org.jblktrace.core.reqlog;

import org.jblktrace.core.kernel.Ioctl;

/**
 * The /dev/reqlog ABI, mirrored from {@code kernel/reqlog.h} (the single source of truth). A
 * test compiles that header and checks every value here against it.
 */
public final class ReqlogAbi {
    private ReqlogAbi() {
    }

    public static final String DEVICE_PATH = "/dev/reqlog";

    /** Record kinds. */
    public static final int ISSUE = 1;
    public static final int COMPLETE = 2;
    public static final int REQUEUE = 3;
    public static final int LOST = 4;
    public static final int DISABLED = 5;

    /** Record flags. */
    public static final int WRITE = 1;
    public static final int DISCARD = 1 << 1;
    public static final int WRITE_ZEROES = 1 << 2;
    public static final int ZONE_RESET = 1 << 3;

    /** {@code struct reqlog_record}: field offsets and size. */
    public static final int RECORD_SEQUENCE = 0;
    public static final int RECORD_TIME_NS = 8;
    public static final int RECORD_SECTOR = 16;
    public static final int RECORD_NR_SECTORS = 24;
    public static final int RECORD_MAJOR = 28;
    public static final int RECORD_MINOR = 32;
    public static final int RECORD_KIND = 36;
    public static final int RECORD_FLAGS = 38;
    public static final int RECORD_ERROR = 40;
    public static final int RECORD_PID = 44;
    public static final int RECORD_SIZE = 48;

    /** {@code struct reqlog_status}: field offsets and size. */
    public static final int STATUS_HEAD = 0;
    public static final int STATUS_LOST = 8;
    public static final int STATUS_ENABLED = 16;
    public static final int STATUS_CAPACITY = 20;
    public static final int STATUS_QUEUED = 24;
    public static final int STATUS_RESERVED = 28;
    public static final int STATUS_SIZE = 32;

    public static final int IOC_MAGIC = 0xB8;
    public static final int ENABLE = ioc(Ioctl.NONE, 1, 0);
    public static final int DISABLE = ioc(Ioctl.NONE, 2, 0);
    public static final int STATUS = ioc(Ioctl.READ, 3, STATUS_SIZE);

    private static int ioc(int direction, int number, int size) {
        return (int) Ioctl.request(direction, IOC_MAGIC, number, size);
    }
}
