package org.jblktrace.trace;

import org.jblktrace.core.kernel.ftrace.CaptureException;
import org.jblktrace.core.kernel.ftrace.FtraceCapture;
import org.jblktrace.core.kernel.ftrace.FtraceOptions;

/**
 * The ftrace blk tracer, for kernels whose relay files are locked down. Its ring buffer is
 * shared by all devices, so its losses are reported with the first device.
 */
final class FtraceRunning implements RunningCapture {
    /** Piped mode hands records on quickly, as blktrace polls every 50 ms there. */
    private static final long PIPED_FLUSH_MILLIS = 50;

    private final FtraceCapture capture;
    private final Thread restoreHook;

    private FtraceRunning(FtraceCapture capture, Thread restoreHook) {
        this.capture = capture;
        this.restoreHook = restoreHook;
    }

    /** Configures tracefs and starts; on failure every setting is back as it was. */
    static FtraceRunning start(TraceRequest request, TraceOutput output) throws CaptureException {
        FtraceCapture capture = new FtraceCapture(output);
        // Restores tracefs should the JVM be told to exit some other way.
        Thread restoreHook = capture.shutdownHook();
        Runtime.getRuntime().addShutdownHook(restoreHook);
        try {
            capture.start(request.devices, options(request));
        } catch (CaptureException | RuntimeException e) {
            removeHook(restoreHook);
            throw e;
        }
        return new FtraceRunning(capture, restoreHook);
    }

    private static FtraceOptions options(TraceRequest request) {
        FtraceOptions options = FtraceOptions.DEFAULTS.withActMask(request.actMask);
        if (request.bufferGiven) {
            // The ring buffer per CPU holds what blktrace's sub-buffers would.
            long kib = Math.min(Integer.MAX_VALUE, (request.bufferBytes >> 10) * request.bufferCount);
            options = options.withBufferSizeKb((int) kib);
        }
        if (request.piped()) {
            options = options.withFlushIntervalMillis(PIPED_FLUSH_MILLIS);
        }
        return options;
    }

    /** A reader of the ftrace pipe can fail on its own. */
    @Override
    public boolean canFailWhileRunning() {
        return true;
    }

    @Override
    public String failure() {
        return capture.failure();
    }

    @Override
    public String stop() {
        try {
            capture.stop();
            return null;
        } catch (CaptureException e) {
            return e.getMessage();
        } finally {
            removeHook(restoreHook);
        }
    }

    @Override
    public long dropped(int device) {
        return device == 0 ? capture.droppedEvents() : 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // The JVM is shutting down; the hook then runs and finds the capture stopped.
        }
    }
}
