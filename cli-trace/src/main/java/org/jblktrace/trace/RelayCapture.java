package org.jblktrace.trace;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.kernel.relay.RelayException;
import org.jblktrace.core.kernel.relay.RelayTrace;

/** The kernel's own blktrace: ioctls on the devices and the debugfs relay files. */
final class RelayCapture implements RunningCapture {
    /**
     * blktrace polls every 50 ms in piped mode and every 500 ms otherwise, and reads partly
     * filled sub-buffers on a timeout only in piped mode.
     */
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
     * @return null when the relay files are locked down (EPERM), found before the output is
     *     opened, so that another capture can take over a network output cleanly
     * @throws RelayException when the kernel refuses (the caller may fall back to ftrace)
     * @throws IOException    when the output cannot be opened
     */
    static RelayCapture start(TraceRequest request, String debugfs, TraceOutput output, PrintStream stderr)
            throws IOException {
        RelayTrace.Settings settings = RelayTrace.Settings.defaults()
                .withActMask(request.actMask == 0 ? 0xFFFF : request.actMask)
                .withBuffers((int) request.bufferBytes, (int) request.bufferCount)
                .withDebugfs(Path.of(debugfs))
                .withPollTimeoutMillis(request.piped() ? PIPED_POLL_MILLIS : FILE_POLL_MILLIS)
                .withReadOnTimeout(request.piped())
                .withWholeRecords(output.wholeRecords());
        OnlineCpus cpus = OnlineCpus.read();
        RelayTrace trace = RelayTrace.setup(request.devices, settings);
        try {
            if (lockedDown(Path.of(debugfs), trace.names().get(0), cpus.toArray()[0])) {
                trace.close();
                return null;
            }
            output.open(trace.names(), cpus.maxCpus());
            trace.start(output, cpus, stderr::println);
        } catch (IOException | RuntimeException e) {
            trace.close();
            throw e;
        }
        return new RelayCapture(trace);
    }

    /** Whether opening a relay file fails with EPERM, as kernel lockdown makes it. */
    private static boolean lockedDown(Path debugfs, String name, int cpu) {
        String relayFile = debugfs.resolve("block").resolve(name).resolve("trace" + cpu).toString();
        try {
            Posix.libc().close(Posix.libc().open(relayFile, Posix.O_RDONLY | Posix.O_NONBLOCK, 0));
            return false;
        } catch (LastErrorException e) {
            return e.getErrorCode() == Posix.EPERM;
        }
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
