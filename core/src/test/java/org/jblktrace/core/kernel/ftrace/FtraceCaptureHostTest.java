package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jblktrace.core.kernel.TraceSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up checks against fake proc, sys and tracefs trees: each failure is one clear line. */
class FtraceCaptureHostTest {
    @TempDir
    Path root;
    private Path tracing;
    private HostPaths host;
    private final TraceSink unused = (device, cpu, records) -> {
        throw new AssertionError("no data expected");
    };

    @BeforeEach
    void fakeHost() throws IOException {
        Path proc = Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(proc.resolve("status"), "Name:\tjava\nUid:\t0\t0\t0\t0\n");
        tracing = Files.createDirectories(root.resolve("tracing"));
        Files.writeString(root.resolve("proc/mounts"), "tracefs " + tracing + " tracefs rw 0 0\n");
        Files.writeString(tracing.resolve("available_tracers"), "blk function nop\n");
        Files.writeString(tracing.resolve("current_tracer"), "nop\n");
        Files.writeString(tracing.resolve("set_event"), "");
        Files.writeString(tracing.resolve("tracing_on"), "1\n");
        Files.writeString(tracing.resolve("trace_clock"), "[local] global counter\n");
        Path sys = root.resolve("sys");
        Files.createDirectories(sys.resolve("devices/system/cpu"));
        Files.writeString(sys.resolve("devices/system/cpu/online"), "0-1\n");
        // A fake loop0 so that /dev/loop0 (7:0) resolves; enable is "0".
        Path loop0 = Files.createDirectories(sys.resolve("devices/virtual/block/loop0/trace"));
        Files.writeString(loop0.resolve("enable"), "0\n");
        Files.createDirectories(sys.resolve("dev/block"));
        Files.createSymbolicLink(sys.resolve("dev/block/7:0"), loop0.getParent());
        Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(sys.resolve("class/block/loop0"), loop0.getParent());
        host = new HostPaths(root.resolve("proc"), sys, tracing, root.resolve("run"));
    }

    private String startFails(String device) {
        FtraceCapture capture = new FtraceCapture(unused, host);
        return assertThrows(CaptureException.class, () -> capture.start(List.of(device), FtraceOptions.DEFAULTS))
            .getMessage();
    }

    /** Every fake file, content stripped (a control file reads the same with or without newline). */
    private Map<String, String> tree() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Files.readString(p).strip());
            }
        }
        return files;
    }

    @Test
    void aUserWhoIsNotRootIsTold() throws IOException {
        Files.writeString(root.resolve("proc/self/status"), "Uid:\t1000\t1000\t1000\t1000\n");
        assertEquals("tracing block devices through tracefs needs root (effective uid is 1000)", startFails("/dev/loop0"));
    }

    @Test
    void aKernelWithoutTheBlkTracerIsTold() throws IOException {
        Files.writeString(tracing.resolve("available_tracers"), "function nop\n");
        assertEquals("this kernel has no blk tracer (built without CONFIG_BLK_DEV_IO_TRACE); available tracers: "
            + "function nop", startFails("/dev/loop0"));
    }

    @Test
    void aMissingDeviceIsTold() {
        assertEquals("device /dev/jblktrace-no-such-disk does not exist or cannot be examined: No such file or directory",
            startFails("/dev/jblktrace-no-such-disk"));
    }

    @Test
    void somethingThatIsNotABlockDeviceIsTold() throws IOException {
        assertEquals("/dev/null is not a block device", startFails("/dev/null"));
        Path file = Files.writeString(root.resolve("image"), "x");
        assertEquals(file + " is not a block device", startFails(file.toString()));
    }

    @Test
    void aDeviceUnknownToSysfsIsTold() throws IOException {
        Files.delete(root.resolve("sys/dev/block/7:0"));
        assertEquals("block device /dev/loop0 (7:0) is not present in sysfs", startFails("/dev/loop0"));
    }

    @Test
    void anotherTracerInUseIsToldAndNothingIsWritten() throws IOException {
        Files.writeString(tracing.resolve("current_tracer"), "function\n");
        Map<String, String> before = tree();
        assertEquals("ftrace is in use: current_tracer is 'function' (not nop); stop that trace first; if no tool "
            + "is tracing, reset it with: echo nop > " + tracing.resolve("current_tracer"), startFails("/dev/loop0"));
        assertEquals(before, tree());
    }

    @Test
    void enabledTraceEventsCountAsInUse() throws IOException {
        Files.writeString(tracing.resolve("set_event"), "block:block_rq_issue\n");
        assertEquals("ftrace is in use: trace events are enabled (" + tracing.resolve("set_event")
            + " is not empty); stop that trace first", startFails("/dev/loop0"));
    }

    @Test
    void aTracedDeviceIsToldAndLeftAlone() throws IOException {
        Path enable = root.resolve("sys/devices/virtual/block/loop0/trace/enable");
        Files.writeString(enable, "1\n");
        Map<String, String> before = tree();
        assertEquals("/dev/loop0 is already being traced (" + enable.toRealPath() + " is 1)", startFails("/dev/loop0"));
        assertEquals(before, tree());
    }

    @Test
    void anotherDeviceTracedByAnotherSessionIsTold() throws IOException {
        Path sda = Files.createDirectories(root.resolve("sys/devices/pci/block/sda/trace"));
        Files.writeString(sda.resolve("enable"), "1\n");
        Files.createSymbolicLink(root.resolve("sys/class/block/sda"), sda.getParent());
        assertEquals("sda is being traced by another session, whose events the ftrace blk tracer would take over ("
            + root.resolve("sys/class/block/sda/trace/enable") + " is 1)", startFails("/dev/loop0"));
    }

    @Test
    void aMalformedOnlineCpuListIsToldAndNothingIsWritten() throws IOException {
        Path online = root.resolve("sys/devices/system/cpu/online");
        Files.writeString(online, "\n");
        Map<String, String> before = tree();
        assertEquals("cannot parse " + online + ": empty online CPU list", startFails("/dev/loop0"));
        assertEquals(before, tree());
    }

    @Test
    void aFailureHalfwayRestoresWhatWasAlreadyChanged() throws IOException {
        Files.writeString(tracing.resolve("trace_clock"), "[local] global\n");
        Map<String, String> before = tree();
        assertEquals("trace clock 'mono' is not offered by this kernel: [local] global", startFails("/dev/loop0"));
        assertEquals(before, tree());
    }

    /** A {@code /proc/PID/stat} text whose start time (field 22) is {@code startTime}. */
    private static String stat(long pid, long startTime) {
        return pid + " (java (x)) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 " + startTime + " 4096 7\n";
    }

    /** A journal as a run killed after turning the blk tracer on would leave it, and those changes. */
    private void deadRunLeftTheBlkTracerOn(long pid) throws IOException {
        Path enable = root.resolve("sys/devices/virtual/block/loop0/trace/enable");
        Files.createDirectories(root.resolve("run"));
        Files.writeString(root.resolve("run/" + JournalFile.NAME), "owner " + pid + " 4242\ndevice /dev/loop0\n"
            + "change " + tracing.resolve("tracing_on") + "\t1\n"
            + "change " + tracing.resolve("current_tracer") + "\tnop\n"
            + "change " + enable + "\t0\n"
            + "change " + tracing.resolve("trace_clock") + "\tloc");
        Files.writeString(tracing.resolve("tracing_on"), "0\n");
        Files.writeString(tracing.resolve("current_tracer"), "blk\n");
        Files.writeString(enable, "1\n");
    }

    @Test
    void aDeadRunsSettingsArePutBackBeforeStartingAndTold() throws IOException {
        Map<String, String> clean = tree();
        deadRunLeftTheBlkTracerOn(999_999_999L);
        Files.writeString(tracing.resolve("trace_clock"), "[local] global\n");
        clean.put("tracing/trace_clock", "[local] global");
        List<String> notices = new java.util.ArrayList<>();
        FtraceCapture capture = new FtraceCapture(unused, host, notices::add);
        // The start then fails on the clock, and puts back its own changes too.
        assertEquals("trace clock 'mono' is not offered by this kernel: [local] global", assertThrows(
            CaptureException.class, () -> capture.start(List.of("/dev/loop0"), FtraceOptions.DEFAULTS)).getMessage());
        assertEquals(List.of("put back the tracefs settings blktrace (pid 999999999, tracing /dev/loop0) left when it "
            + "died: " + root.resolve("sys/devices/virtual/block/loop0/trace/enable") + "=0, current_tracer=nop, "
            + "tracing_on=1"), notices);
        assertEquals(clean, tree());
    }

    @Test
    void aDeadRunsDeviceThatWasRemovedSinceNeedsNothingAndTheRestIsPutBack() throws Exception {
        Map<String, String> clean = tree();
        deadRunLeftTheBlkTracerOn(999_999_999L);
        Path loop0 = root.resolve("sys/devices/virtual/block/loop0");
        Files.delete(loop0.resolve("trace/enable"));
        Files.delete(loop0.resolve("trace"));
        Files.delete(loop0);
        clean.remove("sys/devices/virtual/block/loop0/trace/enable");
        assertEquals(new FtraceCapture.Recovery("put back the tracefs settings blktrace (pid 999999999, tracing "
            + "/dev/loop0) left when it died: " + loop0.resolve("trace/enable") + " (its device is gone, and its "
            + "trace with it), current_tracer=nop, tracing_on=1", List.of("/dev/loop0")),
            FtraceCapture.recoverAbandoned(host));
        assertEquals(clean, tree(), "tracefs is as it was and the record is gone");
    }

    @Test
    void aLiveRunsTraceIsLeftAloneAndNamed() throws Exception {
        long pid = ProcessHandle.current().pid();
        deadRunLeftTheBlkTracerOn(pid);
        Files.createDirectories(root.resolve("proc/" + pid));
        Files.writeString(root.resolve("proc/" + pid + "/stat"), stat(pid, 4242));
        Map<String, String> before = tree();
        assertEquals("ftrace is in use by blktrace (pid " + pid + ", tracing /dev/loop0); stop that trace first "
            + "(kill -INT " + pid + ")", startFails("/dev/loop0"));
        assertEquals(new FtraceCapture.Recovery("blktrace (pid " + pid + ", tracing /dev/loop0) is running: its trace "
            + "is left alone (stop it with kill -INT " + pid + ")", List.of("/dev/loop0")),
            FtraceCapture.recoverAbandoned(host));
        assertEquals(before, tree());
    }

    @Test
    void aReusedPidIsNoLiveRun() throws Exception {
        long pid = ProcessHandle.current().pid();
        Map<String, String> clean = tree();
        deadRunLeftTheBlkTracerOn(pid);
        Files.createDirectories(root.resolve("proc/" + pid));
        Files.writeString(root.resolve("proc/" + pid + "/stat"), stat(pid, 9999));
        clean.put("proc/" + pid + "/stat", stat(pid, 9999).strip());
        FtraceCapture.Recovery recovery = FtraceCapture.recoverAbandoned(host);
        assertEquals(List.of("/dev/loop0"), recovery.devices());
        assertEquals(clean, tree());
    }

    @Test
    void killModeWithoutAJournalSaysWhatTracefsHoldsAndHowToResetIt() throws Exception {
        assertEquals(new FtraceCapture.Recovery(null, List.of()), FtraceCapture.recoverAbandoned(host));
        Files.writeString(tracing.resolve("current_tracer"), "function\n");
        assertEquals(new FtraceCapture.Recovery("ftrace is in use: current_tracer is 'function', and no run of ours "
            + "left that; if no tool is tracing, reset it with: echo nop > " + tracing.resolve("current_tracer"),
            List.of()), FtraceCapture.recoverAbandoned(host));
        assertEquals("function", Files.readString(tracing.resolve("current_tracer")).strip());
    }
}
