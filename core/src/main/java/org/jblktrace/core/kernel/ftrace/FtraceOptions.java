package org.jblktrace.core.kernel.ftrace;

import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordLayout;

/**
 * What to capture and how. Immutable; each {@code with...} returns a changed copy.
 * Defaults: every category, whole device, every pid, ring buffer size left as it is,
 * flush to the sink every 256 KiB per device and CPU, or at least every 500 ms, version 7
 * entries made into version 7 records.
 */
public final class FtraceOptions {
    public static final FtraceOptions DEFAULTS = new FtraceOptions(0xFFFF, 0, 0, 0, 0, 256 * 1024, 500,
        RecordLayout.V7, Blk.VERSION_7);

    private static final int MIN_FLUSH_BYTES = 4096;

    private final int actMask;
    private final long startLba;
    private final long endLba;
    private final int pid;
    private final int bufferSizeKb;
    private final int flushBytes;
    private final long flushIntervalMillis;
    private final RecordLayout kernelEntries;
    private final int recordVersion;

    private FtraceOptions(int actMask, long startLba, long endLba, int pid, int bufferSizeKb, int flushBytes,
                          long flushIntervalMillis, RecordLayout kernelEntries, int recordVersion) {
        this.actMask = actMask;
        this.startLba = startLba;
        this.endLba = endLba;
        this.pid = pid;
        this.bufferSizeKb = bufferSizeKb;
        this.flushBytes = flushBytes;
        this.flushIntervalMillis = flushIntervalMillis;
        this.kernelEntries = kernelEntries;
        this.recordVersion = recordVersion;
    }

    /** Category mask ({@code BLK_TC_*} bits, 1..0xFFFF); 0 means all, as in BLKTRACESETUP. */
    public FtraceOptions withActMask(int mask) {
        if (mask < 0 || mask > 0xFFFF) {
            throw new IllegalArgumentException("act mask must be within 0..0xffff");
        }
        return new FtraceOptions(mask == 0 ? 0xFFFF : mask, startLba, endLba, pid, bufferSizeKb, flushBytes,
            flushIntervalMillis,
            kernelEntries, recordVersion);
    }

    /** First sector traced; 0 keeps the kernel default (start of the device). */
    public FtraceOptions withStartLba(long lba) {
        return new FtraceOptions(actMask, lba, endLba, pid, bufferSizeKb, flushBytes, flushIntervalMillis,
            kernelEntries, recordVersion);
    }

    /** Last sector traced; 0 keeps the kernel default (end of the device). */
    public FtraceOptions withEndLba(long lba) {
        return new FtraceOptions(actMask, startLba, lba, pid, bufferSizeKb, flushBytes, flushIntervalMillis,
            kernelEntries, recordVersion);
    }

    /** Only events of this task id; 0 means every task. */
    public FtraceOptions withPid(int taskId) {
        if (taskId < 0) {
            throw new IllegalArgumentException("pid must not be negative");
        }
        return new FtraceOptions(actMask, startLba, endLba, taskId, bufferSizeKb, flushBytes, flushIntervalMillis,
            kernelEntries, recordVersion);
    }

    /** Ring buffer size per CPU in KiB (tracefs {@code buffer_size_kb}); 0 leaves it as it is. */
    public FtraceOptions withBufferSizeKb(int kib) {
        if (kib < 0) {
            throw new IllegalArgumentException("buffer size must not be negative");
        }
        return new FtraceOptions(actMask, startLba, endLba, pid, kib, flushBytes, flushIntervalMillis,
            kernelEntries, recordVersion);
    }

    /** Bytes collected per device and CPU before they go to the sink in one write. */
    public FtraceOptions withFlushBytes(int bytes) {
        if (bytes < MIN_FLUSH_BYTES) {
            throw new IllegalArgumentException("flush size must be at least " + MIN_FLUSH_BYTES + " bytes");
        }
        return new FtraceOptions(actMask, startLba, endLba, pid, bufferSizeKb, bytes, flushIntervalMillis,
            kernelEntries, recordVersion);
    }

    /** Longest time captured records wait for the sink; 0 waits until the flush size or the stop. */
    public FtraceOptions withFlushIntervalMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("flush interval must not be negative");
        }
        return new FtraceOptions(actMask, startLba, endLba, pid, bufferSizeKb, flushBytes, millis,
            kernelEntries, recordVersion);
    }

    /**
     * The layout of the kernel's blk entries: {@code blk_io_trace2} from Linux 6.19 on, else
     * {@code blk_io_trace}.
     */
    public FtraceOptions withKernelEntries(RecordLayout layout) {
        return new FtraceOptions(actMask, startLba, endLba, pid, bufferSizeKb, flushBytes, flushIntervalMillis, layout,
            recordVersion);
    }

    /** The version of the records made (7 or 8), whatever the kernel's entries are. */
    public FtraceOptions withRecordVersion(int version) {
        if (RecordLayout.of(version) == null) {
            throw new IllegalArgumentException("no record version " + version);
        }
        return new FtraceOptions(actMask, startLba, endLba, pid, bufferSizeKb, flushBytes, flushIntervalMillis,
            kernelEntries, version);
    }

    public RecordLayout kernelEntries() {
        return kernelEntries;
    }

    public int recordVersion() {
        return recordVersion;
    }

    public int actMask() {
        return actMask;
    }

    public long startLba() {
        return startLba;
    }

    public long endLba() {
        return endLba;
    }

    public int pid() {
        return pid;
    }

    public int bufferSizeKb() {
        return bufferSizeKb;
    }

    public int flushBytes() {
        return flushBytes;
    }

    public long flushIntervalMillis() {
        return flushIntervalMillis;
    }
}
