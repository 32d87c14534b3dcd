package org.jblktrace.core.record;

/** Constants of the blktrace binary format (categories, actions, notifies, magic). */
public final class Blk {
    private Blk() {
    }

    public static final int MAGIC = 0x65617400;
    public static final int MAGIC_MASK = 0xFFFFFF00;
    public static final int VERSION_7 = 7;
    public static final int VERSION_8 = 8;
    public static final int HEADER_V7 = 48;
    public static final int HEADER_V8 = 64;

    /** Category bits ({@code BLK_TC_*}); in the action word they sit at {@link #TC_SHIFT}. */
    public static final int TC_READ = 1 << 0;
    public static final int TC_WRITE = 1 << 1;
    public static final int TC_FLUSH = 1 << 2;
    public static final int TC_SYNC = 1 << 3;
    public static final int TC_QUEUE = 1 << 4;
    public static final int TC_REQUEUE = 1 << 5;
    public static final int TC_ISSUE = 1 << 6;
    public static final int TC_COMPLETE = 1 << 7;
    public static final int TC_FS = 1 << 8;
    public static final int TC_PC = 1 << 9;
    public static final int TC_NOTIFY = 1 << 10;
    public static final int TC_AHEAD = 1 << 11;
    public static final int TC_META = 1 << 12;
    public static final int TC_DISCARD = 1 << 13;
    public static final int TC_DRV_DATA = 1 << 14;
    public static final int TC_FUA = 1 << 15;
    /** Version 8 zone categories (bits 16..21 of the category field, bits 32..37 of the action). */
    public static final int TC_ZONE_APPEND = 1 << 16;
    public static final int TC_ZONE_RESET = 1 << 17;
    public static final int TC_ZONE_RESET_ALL = 1 << 18;
    public static final int TC_ZONE_FINISH = 1 << 19;
    public static final int TC_ZONE_OPEN = 1 << 20;
    public static final int TC_ZONE_CLOSE = 1 << 21;
    /** Version 8: write-zeroes requests (before Linux 6.19 they were plain writes). */
    public static final int TC_WRITE_ZEROES = 1 << 22;
    /** Every category a version 7 record can carry. */
    public static final int TC_ALL_V7 = 0xFFFF;
    /** Every category a version 8 record can carry (Linux 7.2). */
    public static final int TC_ALL_V8 = (1 << 23) - 1;
    public static final int TC_SHIFT = 16;

    /** Names accepted by {@code -a}, indexed by bit number. */
    public static final String[] CATEGORY_NAMES = {
        "read", "write", "flush", "sync", "queue", "requeue", "issue", "complete",
        "fs", "pc", "notify", "ahead", "meta", "discard", "drv_data", "fua",
    };

    /** Action codes ({@code __BLK_TA_*}), the low 16 bits of the action word. */
    public static final int TA_QUEUE = 1;
    public static final int TA_BACKMERGE = 2;
    public static final int TA_FRONTMERGE = 3;
    public static final int TA_GETRQ = 4;
    public static final int TA_SLEEPRQ = 5;
    public static final int TA_REQUEUE = 6;
    public static final int TA_ISSUE = 7;
    public static final int TA_COMPLETE = 8;
    public static final int TA_PLUG = 9;
    public static final int TA_UNPLUG_IO = 10;
    public static final int TA_UNPLUG_TIMER = 11;
    public static final int TA_INSERT = 12;
    public static final int TA_SPLIT = 13;
    public static final int TA_BOUNCE = 14;
    public static final int TA_REMAP = 15;
    public static final int TA_ABORT = 16;
    public static final int TA_DRV_DATA = 17;
    /** Version 8 only: zone write plugging. */
    public static final int TA_ZONE_PLUG = 18;
    public static final int TA_ZONE_UNPLUG = 19;
    public static final int TA_ZONE_MGMT = 20;
    /** Set by newer kernels when a cgroup id precedes the pdu; blkparse 1.2.0 does not understand it. */
    public static final int TA_CGROUP = 1 << 8;

    /** Notify codes ({@code __BLK_TN_*}), carried with the NOTIFY category. */
    public static final int TN_PROCESS = 0;
    public static final int TN_TIMESTAMP = 1;
    public static final int TN_MESSAGE = 2;

    /** Full action word of a notify record. */
    public static long notifyAction(int code) {
        return code | ((long) TC_NOTIFY << TC_SHIFT);
    }

    /** Full action word: code plus category bits. */
    public static long action(int code, int categories) {
        return (code & 0xFFFFL) | ((categories & 0xFFFFFFFFL) << TC_SHIFT);
    }

    /** Category bits of an action word (zone bits included). */
    public static int categories(long action) {
        return (int) (action >>> TC_SHIFT);
    }

    /** Action code of an action word. */
    public static int code(long action) {
        return (int) (action & 0xFFFF);
    }

    public static int major(int device) {
        return device >>> 20;
    }

    public static int minor(int device) {
        return device & 0xFFFFF;
    }

    public static int device(int major, int minor) {
        return (major << 20) | (minor & 0xFFFFF);
    }

    /** Length of the task name in a PROCESS note ({@code TASK_COMM_LEN}). */
    public static final int COMM_LEN = 16;
}
