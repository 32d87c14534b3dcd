package org.jblktrace.core.reqlog;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.capture.Backend;
import org.jblktrace.core.capture.CaptureListener;
import org.jblktrace.core.capture.CaptureRequest;
import org.jblktrace.core.capture.Captures;
import org.jblktrace.core.capture.RunningCapture;
import org.jblktrace.core.capture.StartOutcome;
import org.jblktrace.core.kernel.LibC;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordLayout;

/**
 * The requests of one block device through blktrace's capture paths (relay files, the ftrace
 * blk tracer, the jblktrace module: core.capture), for kernels without /dev/reqlog or in
 * lockdown. Its D, C and R events become issues, completions and requeues; events the kernel
 * dropped are losses.
 *
 * <p>Each CPU has its own buffer, so a barrier cannot ask for a sequence number: it notes the
 * time, reads one block of the device on every online CPU (a request whose queue event lands in
 * that CPU's buffer after everything logged there before), and waits until each CPU has
 * delivered an event at least that recent. The capture therefore records queue events besides
 * all write events ({@link #MIGRATION_CATEGORIES}), or everything for {@code watch}.
 */
public final class TracedRequests implements RequestSource {
    /** What a migration or a map needs: every event of writes, and queue events (barriers). */
    public static final int MIGRATION_CATEGORIES = Blk.TC_WRITE | Blk.TC_QUEUE;
    private static final long BARRIER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long POLL_MILLIS = 20;
    /** Buffers per CPU by default (8 MiB, also the ftrace ring's size): a loss costs a whole copy. */
    public static final int DEFAULT_BUFFER_KIB = 8192;
    private static final int BUFFER_COUNT = 8;
    private static final int CPU_MASK_BYTES = 128;

    private final BlockDeviceInfo traced;
    private final List<Backend> backends;
    private final int categories;
    private final CaptureListener notices;
    private final int bufferKib;
    private RunningCapture capture;
    private RequestListener listener;
    /** Per CPU stream, the newest event time delivered. */
    private volatile long[] newestByCpu = new long[0];
    private long droppedReported;
    private volatile String failure;

    /**
     * @param categories blktrace's category mask of the events to capture, 0 for all
     * @param bufferKib  the capture's buffers per CPU, at least 8 KiB
     */
    public TracedRequests(BlockDeviceInfo traced, List<Backend> backends, int categories, int bufferKib,
            CaptureListener notices) {
        this.traced = traced;
        this.bufferKib = bufferKib;
        this.backends = backends;
        this.categories = categories;
        this.notices = notices;
    }

    /** The capture path that was used, once started. */
    public Backend backend() {
        return capture.backend();
    }

    @Override
    public void start(RequestListener requestListener) throws ReqlogException {
        this.listener = requestListener;
        CaptureRequest request = CaptureRequest.of(List.of(traced.path())).withBackends(backends)
                .withActMask(categories).withLive(true).withBuffers(bufferKib / BUFFER_COUNT * 1024, BUFFER_COUNT);
        StartOutcome outcome = Captures.start(request, new Sink(), notices);
        if (outcome instanceof StartOutcome.Started started) {
            capture = started.capture();
        } else if (outcome instanceof StartOutcome.Unavailable unavailable) {
            throw new ReqlogException("cannot trace " + traced.path() + " through " + unavailable.backend().label()
                    + ": " + (unavailable.message() != null ? unavailable.message() : unavailable.reason()));
        } else if (outcome instanceof StartOutcome.Failed failed) {
            throw new ReqlogException("cannot trace " + traced.path() + " through " + failed.backend().label()
                    + ": " + failed.message());
        }
    }

    /** Receives each CPU's records from the capture's reader threads. */
    private final class Sink implements TraceSink {
        @Override
        public void open(List<String> deviceNames, int cpuCount) {
            newestByCpu = new long[cpuCount];
        }

        @Override
        public void write(String deviceName, int cpu, ByteBuffer records) {
            for (int at = records.position(); at + RecordLayout.SECTOR_OFFSET < records.limit(); ) {
                RecordLayout layout = RecordLayout.ofMagic(records.getInt(at + RecordLayout.MAGIC_OFFSET));
                int length = layout.recordLength(records, at);
                if (!layout.isNote(records, at)) {
                    event(cpu, layout, records, at);
                }
                at += length;
            }
        }
    }

    private void event(int cpu, RecordLayout layout, ByteBuffer records, int at) {
        long time = records.getLong(at + RecordLayout.TIME_OFFSET);
        long action = layout.action(records, at);
        int code = Blk.code(action);
        boolean write = (Blk.categories(action) & Blk.TC_WRITE) != 0;
        long start = Math.max(records.getLong(at + RecordLayout.SECTOR_OFFSET), traced.startSector());
        long end = Math.min(records.getLong(at + RecordLayout.SECTOR_OFFSET)
                + (Integer.toUnsignedLong(records.getInt(at + RecordLayout.BYTES_OFFSET)) >> 9),
                traced.startSector() + traced.sectors());
        synchronized (this) {
            long sector = start - traced.startSector();
            if (start < end || code == Blk.TA_ISSUE) {
                switch (code) {
                    case Blk.TA_ISSUE -> listener.issued(time, sector, Math.max(0, end - start), write);
                    case Blk.TA_COMPLETE -> listener.completed(time, sector, end - start, write);
                    case Blk.TA_REQUEUE -> listener.requeued(time, sector, end - start, write);
                    default -> {
                    }
                }
            }
            long[] newest = newestByCpu;
            if (cpu < newest.length && time > newest[cpu]) {
                newest[cpu] = time;
            }
        }
    }

    /** Reports drops the kernel counted and a capture that failed; called between events. */
    private void checkCapture() {
        if (capture == null) {
            return;
        }
        String failed = capture.failure();
        if (failed != null && failure == null) {
            failure = failed;
        }
        long dropped = capture.dropped(0);
        if (dropped > droppedReported) {
            synchronized (this) {
                listener.lost("the kernel dropped " + (dropped - droppedReported) + " events of " + traced.path()
                        + " (" + capture.backend().label() + " buffers full)");
            }
            droppedReported = dropped;
        }
    }

    @Override
    public void barrier() throws ReqlogException, InterruptedException {
        long since = System.nanoTime();
        int[] cpus;
        try {
            cpus = OnlineCpus.read().toArray();
        } catch (IOException e) {
            throw new ReqlogException("cannot read the online CPUs: " + e.getMessage());
        }
        Thread marker = new Thread(() -> readOnEachCpu(cpus), "reqlog-barrier");
        marker.start();
        marker.join();
        long deadline = since + BARRIER_TIMEOUT_NANOS;
        for (;;) {
            checkCapture();
            if (failure != null) {
                throw new ReqlogException(failure);
            }
            long[] newest = newestByCpu;
            if (Arrays.stream(cpus).allMatch(cpu -> cpu < newest.length && newest[cpu] >= since)) {
                checkCapture();
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ReqlogException("the " + capture.backend().label() + " trace of " + traced.path()
                        + " delivered no event on every CPU within 30 s of reading it there");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** One direct read of the device's first block on each CPU in turn, from a pinned thread. */
    private void readOnEachCpu(int[] cpus) {
        try (SourceDevice device = SourceDevice.open(traced)) {
            ByteBuffer block = ByteBuffer.allocateDirect(2 * device.blockSize()).alignedSlice(device.blockSize());
            block.limit(device.blockSize());
            Memory mask = new Memory(CPU_MASK_BYTES);
            for (int cpu : cpus) {
                mask.clear();
                mask.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
                LibC.INSTANCE.sched_setaffinity(0, CPU_MASK_BYTES, mask);
                block.clear().limit(device.blockSize());
                device.read(0, block);
            }
        } catch (ReqlogException | LastErrorException e) {
            failure = "cannot read " + traced.path() + " to mark the trace: " + e.getMessage();
        }
    }

    @Override
    public String failure() {
        checkCapture();
        return failure;
    }

    @Override
    public void close() throws ReqlogException {
        if (capture == null) {
            return;
        }
        List<String> problems = capture.stop();
        if (!problems.isEmpty()) {
            throw new ReqlogException("stopping the " + capture.backend().label() + " trace: "
                    + String.join("; ", problems));
        }
    }
}
