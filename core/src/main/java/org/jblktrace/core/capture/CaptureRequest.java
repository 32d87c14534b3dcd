package org.jblktrace.core.capture;

import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.record.Blk;

/**
 * What to capture and how, immutable; each {@code with...} returns a changed copy. The
 * defaults are blktrace's: every category, 4 relay sub-buffers of 512 KiB per CPU, debugfs at
 * /sys/kernel/debug, the record version the kernel itself records, the backends of
 * {@link Backend#AUTO}, records handed on as read.
 */
public final class CaptureRequest {
    /** {@link #version()} asking for the kernel's own version: 8 from Linux 6.19 on, else 7. */
    public static final int KERNEL_VERSION = 0;
    public static final Path DEFAULT_DEBUGFS = Path.of("/sys/kernel/debug");
    public static final int DEFAULT_BUFFER_BYTES = 512 * 1024;
    public static final int DEFAULT_BUFFER_COUNT = 4;

    private final List<String> devices;
    private final List<Backend> backends;
    private final int version;
    private final int actMask;
    private final int bufferBytes;
    private final int bufferCount;
    private final boolean buffersGiven;
    private final boolean live;
    private final Path debugfs;

    private CaptureRequest(List<String> devices, List<Backend> backends, int version, int actMask, int bufferBytes,
            int bufferCount, boolean buffersGiven, boolean live, Path debugfs) {
        this.devices = devices;
        this.backends = backends;
        this.version = version;
        this.actMask = actMask;
        this.bufferBytes = bufferBytes;
        this.bufferCount = bufferCount;
        this.buffersGiven = buffersGiven;
        this.live = live;
        this.debugfs = debugfs;
    }

    /** A request for these block device nodes, each traced once, with the defaults. */
    public static CaptureRequest of(List<String> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no device to trace");
        }
        return new CaptureRequest(List.copyOf(devices), Backend.AUTO, KERNEL_VERSION, 0, DEFAULT_BUFFER_BYTES,
                DEFAULT_BUFFER_COUNT, false, false, DEFAULT_DEBUGFS);
    }

    /** The backends to try, in order: {@link Backend#AUTO}, or one of them alone. */
    public CaptureRequest withBackends(List<Backend> tried) {
        if (tried.isEmpty()) {
            throw new IllegalArgumentException("no backend to try");
        }
        return new CaptureRequest(devices, List.copyOf(tried), version, actMask, bufferBytes, bufferCount,
                buffersGiven, live, debugfs);
    }

    /** The record version to capture: 7, 8 or {@link #KERNEL_VERSION}. */
    public CaptureRequest withVersion(int recordVersion) {
        if (recordVersion != KERNEL_VERSION && recordVersion != Blk.VERSION_7 && recordVersion != Blk.VERSION_8) {
            throw new IllegalArgumentException("no record version " + recordVersion);
        }
        return new CaptureRequest(devices, backends, recordVersion, actMask, bufferBytes, bufferCount, buffersGiven,
                live, debugfs);
    }

    /** Categories to record ({@code BLK_TC_*} bits, at most 0xffff); 0 records every one. */
    public CaptureRequest withActMask(int mask) {
        if (mask < 0 || mask > Blk.TC_ALL_V7) {
            throw new IllegalArgumentException("act mask must be within 0..0xffff");
        }
        return new CaptureRequest(devices, backends, version, mask, bufferBytes, bufferCount, buffersGiven, live,
                debugfs);
    }

    /**
     * Relay sub-buffers per CPU, as blktrace's -b and -n give them; the ftrace ring buffer then
     * holds as much per CPU. Without, ftrace keeps the ring buffer's size.
     */
    public CaptureRequest withBuffers(int bytes, int count) {
        if (bytes <= 0 || count <= 0) {
            throw new IllegalArgumentException("buffer size and count must be positive");
        }
        return new CaptureRequest(devices, backends, version, actMask, bytes, count, true, live, debugfs);
    }

    /**
     * Live delivery (blktrace's piped mode): records reach the sink within about 50 ms, including
     * those of partly filled buffers. Otherwise buffers are handed on when full and at the stop.
     */
    public CaptureRequest withLive(boolean liveDelivery) {
        return new CaptureRequest(devices, backends, version, actMask, bufferBytes, bufferCount, buffersGiven,
                liveDelivery, debugfs);
    }

    /** Where debugfs is mounted (relay files, the module's files). */
    public CaptureRequest withDebugfs(Path mountPoint) {
        return new CaptureRequest(devices, backends, version, actMask, bufferBytes, bufferCount, buffersGiven, live,
                mountPoint);
    }

    public List<String> devices() {
        return devices;
    }

    public List<Backend> backends() {
        return backends;
    }

    public int version() {
        return version;
    }

    public int actMask() {
        return actMask;
    }

    /** Whether every category is recorded. */
    public boolean recordsEveryCategory() {
        return actMask == 0 || actMask == Blk.TC_ALL_V7;
    }

    public int bufferBytes() {
        return bufferBytes;
    }

    public int bufferCount() {
        return bufferCount;
    }

    public boolean buffersGiven() {
        return buffersGiven;
    }

    public boolean live() {
        return live;
    }

    public Path debugfs() {
        return debugfs;
    }
}
