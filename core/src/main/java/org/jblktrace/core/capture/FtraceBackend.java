package org.jblktrace.core.capture;

import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.kernel.ftrace.CaptureException;
import org.jblktrace.core.kernel.ftrace.FtraceCapture;
import org.jblktrace.core.kernel.ftrace.FtraceOptions;
import org.jblktrace.core.record.RecordLayout;

/**
 * The ftrace {@code blk} tracer through {@link FtraceCapture}, for kernels whose relay files
 * are locked down. It records either version on any kernel: it reads the kernel's entries
 * ({@code blk_io_trace2} from Linux 6.19 on, else {@code blk_io_trace}) and writes the records
 * itself. Its ring buffer is shared by all devices, so its losses are reported with the first
 * device.
 *
 * <p>Kernel state: tracefs's {@code tracing_on}, {@code trace_clock}, {@code current_tracer},
 * {@code tracing_cpumask}, {@code buffer_size_kb} (when buffer sizes are given) and the blk and
 * output options, plus each device's {@code trace/enable} with its filters, and a tracefs mount
 * where none was. Each is written only after its old value is noted, and stop and close put
 * every one back, newest first.
 */
final class FtraceBackend {
    /** Live delivery hands records on quickly, as blktrace polls every 50 ms there. */
    private static final long LIVE_FLUSH_MILLIS = 50;

    private FtraceBackend() {
    }

    static StartOutcome start(CaptureRequest request, CaptureHost host, int version, TraceSink sink,
            CaptureListener listener) {
        FtraceCapture capture = new FtraceCapture(sink, listener::notice);
        FtraceOptions options = options(request)
                .withKernelEntries(host.kernelRecordsVersion8() ? RecordLayout.V8 : RecordLayout.V7)
                .withRecordVersion(version);
        try {
            capture.start(request.devices(), host.cpus(), options);
        } catch (CaptureException e) {
            return switch (e.kind()) {
                case UNAVAILABLE -> new StartOutcome.Unavailable(Backend.FTRACE, e.getMessage(), null);
                case SINK -> new StartOutcome.Failed(Backend.FTRACE, e.getMessage(), true);
                case FAILED -> new StartOutcome.Failed(Backend.FTRACE, e.getMessage(), false);
            };
        }
        return new StartOutcome.Started(new Running(capture, version, listener));
    }

    private static FtraceOptions options(CaptureRequest request) {
        FtraceOptions options = FtraceOptions.DEFAULTS.withActMask(request.actMask());
        if (request.buffersGiven()) {
            // The ring buffer per CPU holds what blktrace's sub-buffers would.
            long kib = Math.min(Integer.MAX_VALUE, ((long) request.bufferBytes() >> 10) * request.bufferCount());
            options = options.withBufferSizeKb((int) kib);
        }
        if (request.live()) {
            options = options.withFlushIntervalMillis(LIVE_FLUSH_MILLIS);
        }
        return options;
    }

    /** A running ftrace capture. */
    private static final class Running implements RunningCapture {
        private final FtraceCapture capture;
        private final int version;
        private final CaptureListener listener;

        Running(FtraceCapture capture, int version, CaptureListener listener) {
            this.capture = capture;
            this.version = version;
            this.listener = listener;
        }

        @Override
        public Backend backend() {
            return Backend.FTRACE;
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public List<String> deviceNames() {
            return capture.deviceNames();
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
        public List<String> stop() {
            List<String> problems = new ArrayList<>();
            try {
                capture.stop();
            } catch (CaptureException e) {
                problems.add(e.getMessage());
            }
            return problems;
        }

        @Override
        public void close() {
            try {
                capture.stop();
            } catch (CaptureException e) {
                listener.warning(e.getMessage());
            }
        }

        @Override
        public long dropped(int device) {
            return device == 0 ? capture.droppedEvents() : 0;
        }

        @Override
        public boolean recordedEvent(int device) {
            return capture.eventCount(capture.deviceNames().get(device)) > 0;
        }

        @Override
        public String recordProblem() {
            return capture.recordProblem();
        }
    }
}
