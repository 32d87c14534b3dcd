package org.jblktrace.trace;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.kernel.ftrace.CaptureException;
import org.jblktrace.core.kernel.ftrace.FtraceCapture;
import org.jblktrace.core.kernel.ftrace.FtraceOptions;

/**
 * A blktrace run through the ftrace capture: start, wait for a signal, the -w time or a failed
 * output, then stop (which drains the buffers and restores every tracefs setting) and report.
 */
final class FtraceTrace {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    /** How often the wait looks at the capture's health. */
    private static final long POLL_MILLIS = 100;
    /** Piped mode hands records on quickly, as blktrace polls every 50 ms there. */
    private static final long PIPED_FLUSH_MILLIS = 50;

    private final TraceRequest request;
    private final TraceContext context;

    FtraceTrace(TraceRequest request, TraceContext context) {
        this.request = request;
        this.context = context;
    }

    int run() throws InterruptedException {
        for (String device : request.devices) {
            requireBlockDevice(device);
        }
        if (request.backend == TraceRequest.Backend.AUTO) {
            context.stderr.println("blktrace: the relay backend is not part of this build; tracing through ftrace");
        }
        TraceOutput output = request.piped() ? new PipedOutput(context.stdoutChannel(), context.stop)
                : new OutputFiles(request.outputDir, request.outputName, context.stop);
        FtraceCapture capture = new FtraceCapture(output);
        // Restores tracefs should the JVM be told to exit some other way.
        Thread restore = capture.shutdownHook();
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            return trace(capture, output);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException exiting) {
                // The JVM is shutting down; the hook then runs, and finds the capture stopped.
            }
            if (output instanceof OutputFiles files) {
                closeFiles(files);
            }
        }
    }

    /** blktrace's BLKTRACESETUP fails with ENOTTY on anything but a block device. */
    private static void requireBlockDevice(String device) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(Path.of(device), "unix:mode");
        } catch (IOException | RuntimeException e) {
            throw new BlktraceExit("Invalid path " + device + " specified: " + e.getMessage(), 1);
        }
        if ((mode & S_IFMT) != S_IFBLK) {
            throw new BlktraceExit("BLKTRACESETUP(2) " + device + " failed: " + Posix.ENOTTY + "/"
                    + Posix.libc().strerror(Posix.ENOTTY), 1);
        }
    }

    private int trace(FtraceCapture capture, TraceOutput output) throws InterruptedException {
        try {
            capture.start(request.devices, options());
        } catch (CaptureException e) {
            if (output instanceof OutputFiles files && !files.startFailures().isEmpty()) {
                // As in blktrace: each failed tracer is reported, no summary, status 0.
                files.startFailures().forEach(context.stderr::println);
                return 0;
            }
            context.stderr.println("blktrace: " + e.getMessage());
            return 1;
        }
        waitForStop(capture, output);
        int status = 0;
        try {
            capture.stop();
        } catch (CaptureException e) {
            context.stderr.println("blktrace: " + e.getMessage());
            status = 1;
        }
        long[] drops = new long[output.deviceNames().size()];
        // The ftrace ring buffer is shared by the devices: its losses are reported with the first.
        drops[0] = capture.droppedEvents();
        if (!request.piped()) {
            write(RunSummary.table(output, drops, false));
        }
        context.stderr.print(RunSummary.dropWarning(output, drops, request.piped()));
        String failure = output.failure();
        if (failure != null && !failure.isEmpty()) {
            context.stderr.println(failure);
            status = 1;
        }
        return status;
    }

    private FtraceOptions options() {
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

    private void waitForStop(FtraceCapture capture, TraceOutput output) throws InterruptedException {
        long deadline = request.stopwatchSeconds > 0
                ? System.nanoTime() + TimeUnit.SECONDS.toNanos(request.stopwatchSeconds) : Long.MAX_VALUE;
        while (output.failure() == null && capture.failure() == null) {
            long left = deadline == Long.MAX_VALUE ? POLL_MILLIS
                    : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || context.stop.await(Math.min(left, POLL_MILLIS))) {
                return;
            }
        }
    }

    private void write(String text) {
        try {
            context.stdout.write(text.getBytes(Charset.defaultCharset()));
            context.stdout.flush();
        } catch (IOException unwritable) {
            // Like blktrace's printf to a closed stdout: the trace files are what matters.
        }
    }

    private void closeFiles(OutputFiles files) {
        try {
            files.close();
        } catch (IOException e) {
            context.stderr.println("blktrace: closing the trace files failed: " + OutputFiles.reason(e));
        }
    }
}
