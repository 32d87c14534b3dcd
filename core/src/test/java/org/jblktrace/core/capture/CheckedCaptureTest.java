package org.jblktrace.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a capture says when it stops: silent devices and unknown records are problems. */
class CheckedCaptureTest {
    /** A stat line of Linux 6.x: 17 fields. */
    private static final String IDLE = "     100        3      800       10      200        0     1600       20        0"
            + "       30       30        0        0        0        0        0        0\n";
    private static final String BUSY = "     116        3      928       12      216        0     1728       22        0"
            + "       34       34        0        0        0        0        1        0\n";

    @TempDir
    Path sysfs;
    private CaptureHost host;
    private final FakeCapture capture = new FakeCapture();

    @BeforeEach
    void device() throws Exception {
        Files.writeString(sysfs.resolve("stat"), IDLE);
        host = new CaptureHost(List.of(new DeviceNode("/dev/vda", "vda", 254, 0, sysfs)), OnlineCpus.parse("0"), false);
        capture.backend = Backend.FTRACE;
    }

    private RunningCapture watched(CaptureRequest request) {
        return CheckedCapture.watch(capture, request, host);
    }

    @Test
    void requestsCompletedWhileNothingWasRecordedAreAProblem() throws Exception {
        RunningCapture checked = watched(CaptureRequest.of(List.of("/dev/vda")));
        Files.writeString(sysfs.resolve("stat"), BUSY);
        assertEquals(List.of("the ftrace backend recorded no event of vda, yet it completed 33 requests while traced ("
                + sysfs.resolve("stat") + ")"), checked.stop());
        assertEquals(List.of("stop"), capture.calls);
        assertEquals(List.of(), checked.stop(), "a second stop does nothing");
    }

    @Test
    void anIdleDeviceWithNothingToRecordIsFine() {
        assertEquals(List.of(), watched(CaptureRequest.of(List.of("/dev/vda"))).stop());
    }

    @Test
    void recordedEventsOrAMaskThatMayExcludeThemAreFine() throws Exception {
        capture.recordedEvent = true;
        RunningCapture recorded = watched(CaptureRequest.of(List.of("/dev/vda")));
        Files.writeString(sysfs.resolve("stat"), BUSY);
        assertEquals(List.of(), recorded.stop());

        capture.recordedEvent = false;
        Files.writeString(sysfs.resolve("stat"), IDLE);
        RunningCapture readsOnly = watched(CaptureRequest.of(List.of("/dev/vda")).withActMask(1));
        Files.writeString(sysfs.resolve("stat"), BUSY);
        assertEquals(List.of(), readsOnly.stop());
    }

    @Test
    void dataThatIsNoRecordIsAProblemAndExplainsTheSilence() throws Exception {
        capture.recordProblem = "CPU 1's ftrace pipe held 32 records of no traced device (the first names device 0,0)";
        capture.stopProblems = List.of("capturing CPU 1 failed: Bad address");
        RunningCapture checked = watched(CaptureRequest.of(List.of("/dev/vda")));
        Files.writeString(sysfs.resolve("stat"), BUSY);
        assertEquals(List.of("capturing CPU 1 failed: Bad address",
                "the ftrace backend got data it does not know: CPU 1's ftrace pipe held 32 records of no traced device "
                        + "(the first names device 0,0)"), checked.stop());
    }

    @Test
    void closeTearsDownWithoutStopping() {
        RunningCapture checked = watched(CaptureRequest.of(List.of("/dev/vda")));
        checked.close();
        assertEquals(List.of("close"), capture.calls);
    }

    @Test
    void completedRequestsAddReadsWritesDiscardsAndFlushes() {
        assertEquals(300, CheckedCapture.completedRequests(IDLE));
        assertEquals(333, CheckedCapture.completedRequests(BUSY));
        assertEquals(7, CheckedCapture.completedRequests("3 0 0 0 4 0 0 0 0 0 0\n"), "an 11-field stat of old kernels");
    }
}
