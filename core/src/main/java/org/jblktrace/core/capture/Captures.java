package org.jblktrace.core.capture;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.List;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;

/**
 * Starts captures: the one way in for tools that trace block devices (blktrace, reqlog's
 * {@code watch}). The machine's facts are read once ({@link CaptureHost}), the record version
 * is settled, then the request's backends are tried in order until one starts or fails; a
 * backend that cannot be used here passes on to the next with a notice.
 *
 * <p>A started capture is checked when it stops (see {@link CheckedCapture}) and is torn down by
 * a JVM shutdown hook should the process exit before stopping it.
 */
public final class Captures {
    private Captures() {
    }

    /**
     * Starts capturing into {@code sink}, which is opened once a backend has set up its traces
     * (and not again should that backend give up: a backend gives up before opening it).
     */
    public static StartOutcome start(CaptureRequest request, TraceSink sink, CaptureListener listener) {
        CaptureHost host;
        try {
            host = CaptureHost.read(request.devices());
        } catch (IOException e) {
            return new StartOutcome.Failed(request.backends().get(0), reason(e), false);
        }
        return start(request, host, Captures::startOne, sink, listener);
    }

    /** One backend's attempt to start. */
    interface Starter {
        StartOutcome start(Backend backend, CaptureRequest request, CaptureHost host, int version, TraceSink sink,
                CaptureListener listener);
    }

    /** The walk over the request's backends, with the facts read and the backends given. */
    static StartOutcome start(CaptureRequest request, CaptureHost host, Starter starter, TraceSink sink,
            CaptureListener listener) {
        int version = request.version() != CaptureRequest.KERNEL_VERSION ? request.version() : host.kernelVersion();
        List<Backend> backends = request.backends();
        for (int i = 0; i < backends.size(); i++) {
            StartOutcome outcome = starter.start(backends.get(i), request, host, version, sink, listener);
            if (outcome instanceof StartOutcome.Unavailable skipped && i + 1 < backends.size()) {
                listener.notice(skipped.reason() + "; tracing through " + describe(backends.get(i + 1)));
                continue;
            }
            if (outcome instanceof StartOutcome.Started started) {
                if (version == Blk.VERSION_7 && host.kernelRecordsVersion8()) {
                    listener.notice(leftOutOfVersion7(backends.get(i)));
                }
                return new StartOutcome.Started(CheckedCapture.watch(started.capture(), request, host));
            }
            return outcome;
        }
        throw new IllegalStateException("no backend tried");
    }

    private static StartOutcome startOne(Backend backend, CaptureRequest request, CaptureHost host, int version,
            TraceSink sink, CaptureListener listener) {
        return switch (backend) {
            case RELAY -> RelayBackend.start(request, host, version, sink, listener);
            case FTRACE -> FtraceBackend.start(request, host, version, sink, listener);
            case MODULE -> ModuleBackend.start(request, host, version, sink, listener);
        };
    }

    /**
     * What a version 7 trace of a version 8 kernel lacks. The kernel's own leaves out every
     * event with a category beyond the first sixteen, and its test also catches FUA writes
     * (FUA is the sixteenth bit: any other bit beside it passes the limit); ftrace and the
     * module leave out only what version 7 cannot carry.
     */
    static String leftOutOfVersion7(Backend backend) {
        if (backend == Backend.RELAY) {
            return "this kernel leaves zone operations, write-zeroes requests and FUA writes out of version 7 "
                    + "traces (version 8 keeps them)";
        }
        return "version 7 records cannot carry this kernel's zone operations and write-zeroes requests: they are "
                + "left out (version 8 keeps them)";
    }

    private static String describe(Backend backend) {
        return backend == Backend.MODULE ? "the jblktrace module" : backend.label();
    }

    /** The message of an I/O error, reduced to its reason where Java prefixes it with a path. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException failure && failure.getReason() != null) {
            return failure.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
