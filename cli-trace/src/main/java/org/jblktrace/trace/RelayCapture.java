package org.jblktrace.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.kernel.relay.RelayException;
import org.jblktrace.core.kernel.relay.RelayTrace;

/** The kernel's own blktrace: ioctls on the devices and the debugfs relay files. */
final class RelayCapture implements RunningCapture {
    /** blktrace polls every 50 ms in piped mode and every 500 ms otherwise. */
    private static final int PIPED_POLL_MILLIS = 50;
    private static final int FILE_POLL_MILLIS = 500;

    private final RelayTrace trace;

    private RelayCapture(RelayTrace trace) {
        this.trace = trace;
    }

    /**
     * Sets up, opens the output and starts. Whatever fails, the traces set up here are torn
     * down again; a device somebody else traces keeps that trace.
     *
     * @throws RelayException when the kernel refuses (the caller may fall back to ftrace)
     * @throws IOException    when the output cannot be opened
     */
    static RelayCapture start(TraceRequest request, String debugfs, TraceOutput output, PrintStream stderr)
            throws IOException {
        RelayTrace.Settings settings = RelayTrace.Settings.defaults()
                .withActMask(request.actMask == 0 ? 0xFFFF : request.actMask)
                .withBuffers((int) request.bufferBytes, (int) request.bufferCount)
                .withDebugfs(Path.of(debugfs))
                .withPollTimeoutMillis(request.piped() ? PIPED_POLL_MILLIS : FILE_POLL_MILLIS);
        OnlineCpus cpus = OnlineCpus.read();
        RelayTrace trace = RelayTrace.setup(request.devices, settings);
        try {
            output.open(trace.names(), cpus.maxCpus());
            trace.start(output, cpus, stderr::println);
        } catch (IOException | RuntimeException e) {
            trace.close();
            throw e;
        }
        return new RelayCapture(trace);
    }

    @Override
    public String failure() {
        return null;
    }

    @Override
    public String stop() {
        try {
            trace.stop();
            return null;
        } catch (IOException e) {
            return OutputFiles.reason(e);
        } finally {
            trace.close();
        }
    }

    @Override
    public long dropped(int device) {
        return trace.dropped(device);
    }
}
