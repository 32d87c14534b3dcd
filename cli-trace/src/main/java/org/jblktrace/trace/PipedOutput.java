package org.jblktrace.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.io.TimeOrderedWriter;

/**
 * Piped mode ({@code -o -}): whole records from every device and CPU, in time order across
 * them (see {@link TimeOrderedWriter}), so that blkparse's pipe mode, which sorts only what one
 * read brings, shows them in order. A reader that goes away (EPIPE, or a closed stdout) stops
 * the trace silently, as in blktrace.
 */
final class PipedOutput extends TraceOutput {
    /** How long a record waits for older ones from other CPUs: ten of the capture's 50 ms deliveries. */
    private static final long HOLD_MILLIS = 500;
    /** What may wait at most; beyond it the oldest records go out early. */
    private static final long MAX_HELD_BYTES = 64L << 20;
    private static final long RELEASE_MILLIS = 50;

    private final TimeOrderedWriter writer;
    private final Thread releaser = new Thread(this::releasePeriodically, "blktrace-stdout");
    // Not an interrupt: one that lands in a write would close stdout's channel.
    private final CountDownLatch finished = new CountDownLatch(1);
    private int cpuCount;

    PipedOutput(WritableByteChannel stdout, StopRequest stop) {
        super(stop);
        writer = new TimeOrderedWriter(stdout, TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS), MAX_HELD_BYTES);
        releaser.setDaemon(true);
    }

    @Override
    public void open(List<String> names, int cpus) throws IOException {
        super.open(names, cpus);
        cpuCount = cpus;
        releaser.start();
    }

    @Override
    void store(int device, int cpu, ByteBuffer data) throws IOException {
        writer.add(device * cpuCount + cpu, data);
    }

    private void releasePeriodically() {
        try {
            while (failure() == null && !finished.await(RELEASE_MILLIS, TimeUnit.MILLISECONDS)) {
                writer.releaseDue();
            }
        } catch (InterruptedException unexpected) {
            // finish() writes the rest.
        } catch (IOException e) {
            fail(-1, -1, e);
        }
    }

    /** The capture has stopped: everything held goes out now. */
    @Override
    void finish(long[] drops) {
        stopReleaser();
        if (failure() == null) {
            try {
                writer.releaseAll();
            } catch (IOException e) {
                fail(-1, -1, e);
            }
        }
    }

    @Override
    public void close() {
        stopReleaser();
    }

    private void stopReleaser() {
        finished.countDown();
        if (!releaser.isAlive()) {
            return;
        }
        try {
            releaser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    String describeFailure(int device, int cpu, IOException e) {
        String reason = OutputFiles.reason(e);
        if (reason.equals("Broken pipe") || reason.equals("Bad file descriptor") || reason.equals("Stream Closed")) {
            return "";
        }
        return "blktrace: writing the trace to stdout failed: " + reason;
    }
}
