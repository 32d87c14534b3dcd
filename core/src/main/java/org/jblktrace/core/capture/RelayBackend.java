package org.jblktrace.core.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.kernel.relay.RelayException;
import org.jblktrace.core.kernel.relay.RelayReaders;
import org.jblktrace.core.kernel.relay.RelayTrace;
import org.jblktrace.core.record.Blk;

/**
 * The kernel's own blktrace through {@link RelayTrace}: BLKTRACESETUP2 for version 8 records
 * (Linux 6.19 on), BLKTRACESETUP for version 7.
 *
 * <p>Kernel state: one blktrace per device ({@code q->blk_trace}, with its debugfs directory
 * {@code block/NAME} and relay channel), set up here and removed by BLKTRACESTOP and
 * BLKTRACETEARDOWN on stop and close; a device somebody else traces (EBUSY) is never torn down.
 */
final class RelayBackend {

    private RelayBackend() {
    }

    static StartOutcome start(CaptureRequest request, CaptureHost host, int version, TraceSink sink,
            CaptureListener listener) {
        if (version == Blk.VERSION_8 && !host.kernelRecordsVersion8()) {
            return new StartOutcome.Unavailable(Backend.RELAY,
                    "this kernel's relay traces are version 7 only (version 8 came with Linux 6.19)", null);
        }
        RelayTrace.Settings settings = RelayTrace.Settings.defaults()
                .withVersion(version)
                .withActMask(request.actMask())
                .withBuffers(request.bufferBytes(), request.bufferCount())
                .withDebugfs(request.debugfs())
                .withPartialReadMillis(request.live() ? RelayReaders.Options.PIPED_PARTIAL_READ_MILLIS : 0)
                .withWholeRecords(sink.needsWholeRecords());
        RelayTrace trace;
        try {
            trace = RelayTrace.setup(request.devices(), settings);
        } catch (RelayException e) {
            if (e.reason() == RelayException.Reason.NOT_SUPPORTED) {
                return new StartOutcome.Unavailable(Backend.RELAY,
                        "the kernel's blktrace ioctls are not available (ENOTTY)", e.getMessage());
            }
            return new StartOutcome.Failed(Backend.RELAY, e.getMessage(), false);
        }
        try {
            // Lockdown lets the ioctls through but not the relay files: give up before the sink opens.
            if (trace.relayFilesLockedDown(host.cpus().toArray()[0])) {
                trace.close();
                return new StartOutcome.Unavailable(Backend.RELAY, "relay files are locked down (EPERM)", null);
            }
            try {
                sink.open(trace.names(), host.cpus().maxCpus());
            } catch (IOException e) {
                trace.close();
                return new StartOutcome.Failed(Backend.RELAY, Captures.reason(e), true);
            }
            trace.start(sink, host.cpus(), listener::warning);
        } catch (RelayException e) {
            trace.close();
            return new StartOutcome.Failed(Backend.RELAY, e.getMessage(), false);
        } catch (RuntimeException | Error e) {
            trace.close();
            throw e;
        }
        return new StartOutcome.Started(new Running(trace, version));
    }

    /** A running relay trace. */
    private static final class Running implements RunningCapture {
        private final RelayTrace trace;
        private final int version;

        Running(RelayTrace trace, int version) {
            this.trace = trace;
            this.version = version;
        }

        @Override
        public Backend backend() {
            return Backend.RELAY;
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public List<String> deviceNames() {
            return trace.names();
        }

        @Override
        public List<String> stop() {
            List<String> problems = new ArrayList<>();
            try {
                trace.stop();
            } catch (IOException e) {
                problems.add(Captures.reason(e));
            } finally {
                trace.close();
            }
            return problems;
        }

        @Override
        public void close() {
            trace.close();
        }

        @Override
        public long dropped(int device) {
            return trace.dropped(device);
        }

        @Override
        public boolean recordedEvent(int device) {
            return trace.sawEvent(device);
        }

        @Override
        public String recordProblem() {
            return trace.problem();
        }
    }
}
