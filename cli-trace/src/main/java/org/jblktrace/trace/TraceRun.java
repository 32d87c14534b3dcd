package org.jblktrace.trace;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.kernel.ftrace.CaptureException;
import org.jblktrace.core.kernel.relay.RelayException;
import org.jblktrace.core.net.TraceSummary;

/**
 * One tracing run: start a capture (the kernel's relay files, else the ftrace blk tracer, else
 * the jblktrace module), wait
 * for a signal, the -w time or a failed output, stop (which drains the buffers and tears the
 * kernel side down) and report as blktrace does.
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
            RunningCapture capture = startCapture(output);
            if (capture == null) {
                return reportStartFailure(output);
            }
            if (output instanceof NetOutput) {
                write("blktrace: connected!\n");
            }
            waitForStop(capture, output);
            return finish(capture, output);
        } finally {
            closeOutput(output);
        }
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

    /** The running capture, or null when the output could not be opened. */
    private RunningCapture startCapture(TraceOutput output) {
        if (request.backend == TraceRequest.Backend.MODULE) {
            return startModule(output);
        }
        if (request.backend != TraceRequest.Backend.FTRACE) {
            try {
                RelayCapture relay = RelayCapture.start(request, debugfs, output, context.stderr);
                if (relay != null) {
                    return relay;
                }
                if (request.backend == TraceRequest.Backend.RELAY) {
                    throw new BlktraceExit("blktrace: relay files are locked down (EPERM); try --backend=ftrace", 1);
                }
                context.stderr.println("blktrace: relay files are locked down (EPERM); tracing through ftrace");
            } catch (RelayException e) {
                if (request.backend == TraceRequest.Backend.RELAY || !canFallBack(e)) {
                    throw new BlktraceExit(e.getMessage(), 1);
                }
                context.stderr.println("blktrace: " + fallBackReason(e) + "; tracing through ftrace");
            } catch (IOException e) {
                if (output.startFailures().isEmpty()) {
                    throw new BlktraceExit("blktrace: " + OutputFiles.reason(e), 1);
                }
                return null;
            }
        }
        try {
            return FtraceRunning.start(request, output);
        } catch (CaptureException e) {
            if (!output.startFailures().isEmpty()) {
                return null;
            }
            if (request.backend != TraceRequest.Backend.AUTO || !ModuleCapture.isAvailable()) {
                throw new BlktraceExit("blktrace: " + e.getMessage(), 1);
            }
            context.stderr.println("blktrace: " + e.getMessage() + "; tracing through the jblktrace module");
        }
        return startModule(output);
    }

    private RunningCapture startModule(TraceOutput output) {
        try {
            return ModuleCapture.start(request, debugfs, output, context.stderr);
        } catch (IOException e) {
            if (!output.startFailures().isEmpty()) {
                return null;
            }
            throw new BlktraceExit("blktrace: " + OutputFiles.reason(e), 1);
        }
    }

    private static boolean canFallBack(RelayException e) {
        return e.reason() == RelayException.Reason.LOCKED_DOWN || e.reason() == RelayException.Reason.NOT_SUPPORTED;
    }

    private static String fallBackReason(RelayException e) {
        return e.reason() == RelayException.Reason.LOCKED_DOWN ? "relay files are locked down (EPERM)"
                : "the kernel's blktrace ioctls are not available (ENOTTY)";
    }

    /** The output could not be opened: no summary, blktrace's lines and status. */
    private int reportStartFailure(TraceOutput output) {
        output.startFailures().forEach(context.stderr::println);
        return output.startFailureStatus();
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
        String problems = capture.stop();
        if (problems != null) {
            context.stderr.println("blktrace: " + problems);
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
