package org.jblktrace.core.kernel.module;

import java.nio.ByteBuffer;

/**
 * What to trace: one block device, the record version and the kernel-side filters and buffers of
 * {@code struct jblktrace_setup}.
 *
 * @param major     device major number
 * @param minor     device minor number
 * @param actMask   category mask ({@code BLK_TC_*} bits), 0 for every category
 * @param bufSize   relay sub-buffer size in bytes
 * @param bufCount  sub-buffers per CPU
 * @param pid       only events of this task, 0 for all
 * @param startLba  first sector to record, 0 for the device start
 * @param endLba    last sector to record, 0 for the device end
 * @param version   record version, {@link ModuleAbi#VERSION_7} or {@link ModuleAbi#VERSION_8}: version 7
 *                  leaves out the events it cannot carry (zone operations, write-zeroes, zone write
 *                  plugging) and counts them ({@link TraceDirectory#versionDropped})
 */
public record TraceSetup(int major, int minor, int actMask, int bufSize, int bufCount, int pid,
        long startLba, long endLba, int version) {

    public TraceSetup {
        requireRange("major", major, 0, ModuleAbi.MAX_MAJOR);
        requireRange("minor", minor, 0, ModuleAbi.MAX_MINOR);
        requireRange("act mask", actMask, 0, 0xFFFF);
        requireRange("buffer size", bufSize, 1, Integer.MAX_VALUE);
        requireRange("buffer count", bufCount, 1, Integer.MAX_VALUE);
        requireRange("pid", pid, 0, Integer.MAX_VALUE);
        if (startLba < 0 || endLba < 0) {
            throw new IllegalArgumentException("LBA range must not be negative");
        }
        if (endLba != 0 && endLba < startLba) {
            throw new IllegalArgumentException("end LBA " + endLba + " is before start LBA " + startLba);
        }
        if (version != ModuleAbi.VERSION_7 && version != ModuleAbi.VERSION_8) {
            throw new IllegalArgumentException("record version " + version + " is neither 7 nor 8");
        }
    }

    /** Version 7 records, the layout every blkparse reads. */
    public TraceSetup(int major, int minor, int actMask, int bufSize, int bufCount, int pid,
            long startLba, long endLba) {
        this(major, minor, actMask, bufSize, bufCount, pid, startLba, endLba, ModuleAbi.VERSION_7);
    }

    /** A whole-device trace of every category and task, in version 7 records. */
    public static TraceSetup wholeDevice(int major, int minor, int bufSize, int bufCount) {
        return new TraceSetup(major, minor, 0, bufSize, bufCount, 0, 0, 0);
    }

    /** The same trace in records of the given version. */
    public TraceSetup withVersion(int recordVersion) {
        return new TraceSetup(major, minor, actMask, bufSize, bufCount, pid, startLba, endLba, recordVersion);
    }

    /** Writes the native-order struct at the buffer's position; the name field is zeroed. */
    void encode(ByteBuffer struct) {
        int base = struct.position();
        for (int i = 0; i < ModuleAbi.SETUP_SIZE; i++) {
            struct.put(base + i, (byte) 0);
        }
        struct.putInt(base + ModuleAbi.SETUP_MAJOR, major);
        struct.putInt(base + ModuleAbi.SETUP_MINOR, minor);
        struct.putShort(base + ModuleAbi.SETUP_ACT_MASK, (short) actMask);
        struct.putShort(base + ModuleAbi.SETUP_VERSION, (short) version);
        struct.putInt(base + ModuleAbi.SETUP_BUF_SIZE, bufSize);
        struct.putInt(base + ModuleAbi.SETUP_BUF_NR, bufCount);
        struct.putInt(base + ModuleAbi.SETUP_PID, pid);
        struct.putLong(base + ModuleAbi.SETUP_START_LBA, startLba);
        struct.putLong(base + ModuleAbi.SETUP_END_LBA, endLba);
    }

    private static void requireRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }
}
