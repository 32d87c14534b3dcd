package org.jblktrace.trace;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.capture.Backend;
import org.jblktrace.core.capture.CaptureListener;
import org.jblktrace.core.capture.CaptureRequest;
import org.jblktrace.core.capture.Captures;
import org.jblktrace.core.capture.RunningCapture;
import org.jblktrace.core.capture.StartOutcome;
import org.jblktrace.core.net.TraceSummary;

/**
 * One tracing run: start a capture (core's {@link Captures}: the kernel's relay files, else the
 * ftrace blk tracer, else the jblktrace module), wait for a signal, the -w time or a failed
 * output, stop (which drains the buffers and tears the kernel side down) and report as
 * blktrace does.
 */
final class TraceRun {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    /** How often the wait looks at the health of a capture that can fail while it runs. */
    private static final long POLL_MILLIS = 100;

    private final TraceRequest request;
    private final TraceContext context;
    private final String debugfs;

    TraceRun(TraceRequest request, TraceContext context, String debugfs) {
        this.request = request;
        this.context = context;
        this.debugfs = debugfs;
    }

    int run() throws InterruptedException {
        for (String device : request.devices) {
            requireBlockDevice(device);
        }
        TraceOutput output = newOutput();
        try {
            if (output instanceof NetOutput) {
                write("blktrace: connecting to " + request.host + "\n");
            }
            StartOutcome outcome = Captures.start(captureRequest(), output, new CaptureListener() {
                @Override
                public void notice(String phrase) {
                    context.stderr.println("blktrace: " + phrase);
                }

                @Override
                public void warning(String line) {
                    context.stderr.println(line);
                }
            });
            if (!(outcome instanceof StartOutcome.Started started)) {
                return reportStartFailure(outcome, output);
            }
            if (output instanceof NetOutput) {
                write("blktrace: connected!\n");
            }
            waitForStop(started.capture(), output);
            return finish(started.capture(), output);
        } finally {
            closeOutput(output);
        }
    }

    private CaptureRequest captureRequest() {
        CaptureRequest capture = CaptureRequest.of(request.devices)
                .withBackends(request.backends)
                .withVersion(request.traceVersion)
                .withActMask(request.actMask)
                .withLive(request.piped())
                .withDebugfs(Path.of(debugfs));
        if (request.bufferGiven) {
            capture = capture.withBuffers((int) request.bufferBytes,
                    (int) Math.min(Integer.MAX_VALUE, request.bufferCount));
        }
        return capture;
    }

    private TraceOutput newOutput() {
        if (request.host != null && !request.listen) {
            return new NetOutput(request, context.stop);
        }
        return request.piped() ? new PipedOutput(context.stdoutChannel(), context.stop)
                : new OutputFiles(request.outputDir, request.outputName, context.stop);
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

    /**
     * No capture started: the output's own lines and status when it could not be opened (as
     * blktrace's tracer threads report), else the backend's line and status 1. The relay
     * backend's lines are blktrace's own; the others get the program's prefix.
     */
    private int reportStartFailure(StartOutcome outcome, TraceOutput output) {
        if (!output.startFailures().isEmpty()) {
            output.startFailures().forEach(context.stderr::println);
            return output.startFailureStatus();
        }
        String line;
        if (outcome instanceof StartOutcome.Failed failed) {
            line = failed.backend() == Backend.RELAY ? failed.message() : "blktrace: " + failed.message();
        } else {
            StartOutcome.Unavailable unavailable = (StartOutcome.Unavailable) outcome;
            if (unavailable.message() != null) {
                line = unavailable.message();
            } else if (unavailable.backend() == Backend.RELAY && request.backends.size() == 1) {
                line = "blktrace: " + unavailable.reason() + "; try --backend=ftrace";
            } else {
                line = "blktrace: " + unavailable.reason();
            }
        }
        context.stderr.println(line);
        return 1;
    }

    /**
     * Sleeps until a stop request (a signal, or a failed write: the output requests it) or the
     * -w time. Only a capture that can fail by itself (ftrace) is looked at periodically;
     * otherwise the thread stays asleep, which matters for the tracer's CPU time.
     */
    private void waitForStop(RunningCapture capture, TraceOutput output) throws InterruptedException {
        long deadline = request.stopwatchSeconds > 0
                ? System.nanoTime() + TimeUnit.SECONDS.toNanos(request.stopwatchSeconds) : Long.MAX_VALUE;
        long slice = capture.canFailWhileRunning() ? POLL_MILLIS : Long.MAX_VALUE;
        while (output.failure() == null && capture.failure() == null) {
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                    : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || context.stop.await(Math.min(left, slice))) {
                return;
            }
        }
    }

    private int finish(RunningCapture capture, TraceOutput output) {
        int status = 0;
        for (String problem : capture.stop()) {
            context.stderr.println("blktrace: " + problem);
            status = 1;
        }
        long[] drops = new long[output.deviceNames().size()];
        for (int device = 0; device < drops.length; device++) {
            drops[device] = capture.dropped(device);
        }
        try {
            output.finish(drops);
        } catch (IOException e) {
            context.stderr.println("blktrace: " + OutputFiles.reason(e));
            status = 1;
        }
        // blktrace counts records exactly only in piped mode; elsewhere it estimates bytes/48.
        TraceSummary summary = new TraceSummary();
        StringBuilder table = new StringBuilder();
        for (int device = 0; device < output.deviceNames().size(); device++) {
            long[] bytes = new long[output.cpuCount()];
            long[] records = new long[output.cpuCount()];
            for (int cpu = 0; cpu < bytes.length; cpu++) {
                bytes[cpu] = output.bytes(device, cpu);
                records[cpu] = output.records(device, cpu);
            }
            table.append(summary.addDevice(output.deviceNames().get(device), bytes,
                    request.piped() ? records : null, drops[device]));
        }
        if (!request.piped()) {
            write(table.toString());
        }
        context.stderr.print(summary.dropWarning());
        String failure = output.failure();
        if (failure != null && !failure.isEmpty()) {
            context.stderr.println(failure);
            status = 1;
        }
        return status;
    }

    private void write(String text) {
        try {
            context.stdout.write(text.getBytes(Charset.defaultCharset()));
            context.stdout.flush();
        } catch (IOException unwritable) {
            // Like blktrace's printf to a closed stdout: the trace files are what matters.
        }
    }

    private void closeOutput(TraceOutput output) {
        try {
            output.close();
        } catch (IOException e) {
            context.stderr.println("blktrace: closing the trace output failed: " + OutputFiles.reason(e));
        }
    }
}
