package org.jblktrace.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.junit.jupiter.api.Test;

/** The walk over the backends: one outcome each, auto moving on only past unavailable ones. */
class CapturesTest {
    private static final TraceSink SINK = (device, cpu, records) -> { };

    private final List<String> heard = new ArrayList<>();
    private final List<String> tried = new ArrayList<>();
    private final CaptureListener listener = new CaptureListener() {
        @Override
        public void notice(String phrase) {
            heard.add("notice: " + phrase);
        }

        @Override
        public void warning(String line) {
            heard.add("warning: " + line);
        }
    };

    private static CaptureHost host(boolean version8) throws Exception {
        DeviceNode node = new DeviceNode("/dev/vda", "vda", 254, 0, Path.of("/nonexistent/vda"));
        return new CaptureHost(List.of(node), OnlineCpus.parse("0-1"), version8);
    }

    /** Answers each backend from the list, noting the version it was asked for. */
    private Captures.Starter answering(StartOutcome... outcomes) {
        return (backend, request, host, version, sink, listener) -> {
            StartOutcome outcome = outcomes[tried.size()];
            tried.add(backend.label() + " v" + version);
            return outcome;
        };
    }

    @Test
    void autoPassesOverUnavailableBackendsWithANoticeEach() throws Exception {
        RunningCapture running = new FakeCapture();
        StartOutcome outcome = Captures.start(CaptureRequest.of(List.of("/dev/vda")), host(false),
                answering(new StartOutcome.Unavailable(Backend.RELAY, "relay files are locked down (EPERM)", null),
                        new StartOutcome.Unavailable(Backend.FTRACE, "this kernel has no blk tracer", null),
                        new StartOutcome.Started(running)),
                SINK, listener);
        assertEquals(List.of("relay v7", "ftrace v7", "module v7"), tried);
        assertEquals(List.of("notice: relay files are locked down (EPERM); tracing through ftrace",
                "notice: this kernel has no blk tracer; tracing through the jblktrace module"), heard);
        RunningCapture started = assertInstanceOf(StartOutcome.Started.class, outcome).capture();
        assertEquals(Backend.MODULE, started.backend());
        assertEquals(List.of(), started.stop());
    }

    @Test
    void aFailureEndsTheWalk() throws Exception {
        StartOutcome failed = new StartOutcome.Failed(Backend.RELAY, "BLKTRACESETUP(2) /dev/vda failed: 16/Device or "
                + "resource busy", false);
        StartOutcome outcome = Captures.start(CaptureRequest.of(List.of("/dev/vda")), host(false),
                answering(failed), SINK, listener);
        assertSame(failed, outcome);
        assertEquals(List.of("relay v7"), tried);
        assertEquals(List.of(), heard);
    }

    @Test
    void theLastUnavailableBackendIsTheOutcome() throws Exception {
        StartOutcome missing = new StartOutcome.Unavailable(Backend.MODULE, "cannot open /dev/jblktrace", null);
        StartOutcome outcome = Captures.start(CaptureRequest.of(List.of("/dev/vda")).withBackends(List.of(Backend.MODULE)),
                host(false), answering(missing), SINK, listener);
        assertSame(missing, outcome);
        assertEquals(List.of(), heard);
    }

    @Test
    void theKernelsVersionIsTheDefaultAndAVersion7TraceOfAVersion8KernelSaysWhatItLacks() throws Exception {
        Captures.start(CaptureRequest.of(List.of("/dev/vda")), host(true), answering(
                new StartOutcome.Started(new FakeCapture())), SINK, listener);
        assertEquals(List.of("relay v8"), tried);
        assertEquals(List.of(), heard);

        tried.clear();
        Captures.start(CaptureRequest.of(List.of("/dev/vda")).withVersion(7), host(true), answering(
                new StartOutcome.Started(new FakeCapture())), SINK, listener);
        assertEquals(List.of("relay v7"), tried);
        assertEquals(List.of("notice: this kernel leaves zone operations, write-zeroes requests and FUA writes out of "
                + "version 7 traces (version 8 keeps them)"), heard);

        // ftrace and the module convert or write the records themselves: FUA writes fit in version 7.
        heard.clear();
        tried.clear();
        Captures.start(CaptureRequest.of(List.of("/dev/vda")).withVersion(7), host(true), answering(
                new StartOutcome.Unavailable(Backend.RELAY, "relay files are locked down (EPERM)", null),
                new StartOutcome.Started(new FakeCapture())), SINK, listener);
        assertEquals(List.of("relay v7", "ftrace v7"), tried);
        assertEquals(List.of("notice: relay files are locked down (EPERM); tracing through ftrace",
                "notice: version 7 records cannot carry this kernel's zone operations and write-zeroes requests: "
                        + "they are left out (version 8 keeps them)"), heard);

        heard.clear();
        tried.clear();
        Captures.start(CaptureRequest.of(List.of("/dev/vda")).withVersion(8), host(false), answering(
                new StartOutcome.Started(new FakeCapture())), SINK, listener);
        assertEquals(List.of("relay v8"), tried);
        assertEquals(List.of(), heard);
    }
}
