package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jblktrace.core.io.TraceFileWriter;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.HostFacility;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Captures real block I/O on a loop device through the kernel's ftrace blk tracer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@HostKernel
class FtraceCaptureKernelTest {
    /** One blkparse default-format line: dev, cpu, seq, time, pid, action, rwbs, rest. */
    private static final Pattern LINE = Pattern.compile(
        "^\\s*(\\d+),(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+\\.\\d+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(.*)$");

    @TempDir
    Path dir;

    /** A direct I/O request made by one dd process. */
    private static final class Request {
        final boolean write;
        final int blockSize;
        final int block;
        long pid;

        Request(boolean write, int blockSize, int block) {
            this.write = write;
            this.blockSize = blockSize;
            this.block = block;
        }

        long sector() {
            return (long) blockSize * block / 512;
        }

        int sectors() {
            return blockSize / 512;
        }
    }

    @BeforeEach
    void requireKernel() throws IOException {
        HostFacility.requireFtrace();
        TracefsSnapshot.expandRingBuffer();
    }

    private static void runDd(Request r, String device) throws IOException, InterruptedException {
        List<String> command = r.write
            ? List.of("dd", "if=/dev/zero", "of=" + device, "bs=" + r.blockSize, "count=1", "seek=" + r.block,
                "oflag=direct", "status=none")
            : List.of("dd", "if=" + device, "of=/dev/null", "bs=" + r.blockSize, "count=1", "skip=" + r.block,
                "iflag=direct", "status=none");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        r.pid = p.pid();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "dd hangs");
        assertEquals(0, p.exitValue(), "dd failed: " + out);
    }

    private static final class BlkparseRun {
        final int exit;
        final String stdout;
        final String stderr;

        BlkparseRun(int exit, String stdout, String stderr) {
            this.exit = exit;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }

    private BlkparseRun blkparse(String name) throws IOException, InterruptedException {
        Path err = dir.resolve("blkparse.err");
        Process p = new ProcessBuilder(HostFacility.BLKPARSE.toString(), "-i", name).directory(dir.toFile())
            .redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "blkparse hangs");
        return new BlkparseRun(p.exitValue(), out, Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    private static List<Matcher> eventLines(String blkparseOutput) {
        List<Matcher> lines = new ArrayList<>();
        for (String line : blkparseOutput.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                lines.add(m);
            }
        }
        return lines;
    }

    @Test
    void directIoIsCapturedAndBlkparseShowsEveryRequestQueuedAndCompleted() throws Exception {
        List<Request> requests = List.of(new Request(true, 4096, 3), new Request(true, 8192, 10),
            new Request(true, 65536, 4), new Request(false, 4096, 3), new Request(false, 16384, 2),
            new Request(false, 65536, 4));
        long before;
        long after;
        FtraceCapture capture;
        try (LoopDevice loop = LoopDevice.create(64 << 20); TraceFileWriter files = new TraceFileWriter(dir);
             FtraceCapture started = new FtraceCapture(files)) {
            capture = started;
            before = System.nanoTime();
            capture.start(List.of(loop.path), FtraceOptions.DEFAULTS);
            for (Request r : requests) {
                runDd(r, loop.path);
            }
            capture.stop();
            after = System.nanoTime();
            assertEquals(List.of(loop.name), capture.deviceNames());

            BlkparseRun run = blkparse(loop.name);
            assertEquals(0, run.exit, run.stderr);
            assertEquals("", run.stderr);
            List<Matcher> lines = eventLines(run.stdout);
            for (Request r : requests) {
                String rw = r.write ? "W" : "R";
                String extent = r.sector() + " + " + r.sectors();
                assertTrue(lines.stream().anyMatch(m -> m.group(7).equals("Q") && m.group(8).startsWith(rw)
                        && m.group(6).equals(Long.toString(r.pid)) && m.group(9).equals(extent + " [dd]")),
                    "no Q line for " + rw + " " + extent + " by dd pid " + r.pid + " in\n" + run.stdout);
                assertTrue(lines.stream().anyMatch(m -> m.group(7).equals("C") && m.group(8).startsWith(rw)
                        && m.group(9).equals(extent + " [0]")),
                    "no C line for " + rw + " " + extent + " in\n" + run.stdout);
            }

            checkStreams(capture, loop.name, before, after);
        }
    }

    /**
     * Each CPU file: events numbered 1, 2, 3...; a PROCESS note before each pid's first event;
     * the first CPU's file starts with the TIMESTAMP note; all times lie within the capture on
     * CLOCK_MONOTONIC; the capture's counts match the files.
     */
    private void checkStreams(FtraceCapture capture, String name, long before, long after) throws IOException {
        long lastTimestamp = -1;
        int totalEvents = 0;
        for (int cpu = 0; cpu < capture.cpuCount(); cpu++) {
            Path file = TraceFileWriter.fileName(dir, name, cpu);
            assertTrue(Files.exists(file), file.toString());
            List<TraceRecord> records = TraceFiles.decode(file);
            Map<Integer, String> announced = new HashMap<>();
            int sequence = 0;
            for (TraceRecord r : records) {
                assertEquals(Blk.VERSION_7, r.version);
                assertEquals(0, r.action & Blk.TA_CGROUP);
                assertTrue(r.time >= before && r.time <= after, "time " + r.time + " outside the capture");
                if (r.isNotify()) {
                    assertEquals(0, r.sequence);
                    if (r.code() == Blk.TN_PROCESS) {
                        announced.put(r.pid, TraceFiles.comm(r));
                    } else if (r.code() == Blk.TN_TIMESTAMP) {
                        lastTimestamp = r.time;
                    }
                    continue;
                }
                assertEquals(++sequence, r.sequence, "sequence on CPU " + cpu);
                assertEquals(cpu, r.cpu);
                assertTrue(announced.containsKey(r.pid), "no PROCESS note before pid " + r.pid + " on CPU " + cpu);
            }
            assertEquals(sequence, capture.eventCount(name, cpu));
            assertEquals(Files.size(file), capture.byteCount(name, cpu));
            totalEvents += sequence;
        }
        assertTrue(lastTimestamp >= before, "no TIMESTAMP note");
        assertTrue(totalEvents >= 12, "too few events: " + totalEvents);
        assertEquals(0, capture.droppedEvents());
    }

    @Test
    void settingsAreInEffectDuringTheCaptureAndAllRestoredAfterIt() throws Exception {
        Map<String, String> before = TracefsSnapshot.take();
        try (LoopDevice loop = LoopDevice.create(64 << 20); TraceFileWriter files = new TraceFileWriter(dir);
             FtraceCapture capture = new FtraceCapture(files)) {
            FtraceOptions options = FtraceOptions.DEFAULTS.withActMask(Blk.TC_ISSUE | Blk.TC_COMPLETE)
                .withStartLba(100).withEndLba(1000).withBufferSizeKb(2048);
            capture.start(List.of(loop.path), options);
            Map<String, String> during = TracefsSnapshot.take();
            assertEquals("blk", during.get("current_tracer"));
            assertTrue(during.get("trace_clock").contains("[mono]"), during.get("trace_clock"));
            assertTrue(Integer.parseInt(during.get("buffer_size_kb")) >= 2048, during.get("buffer_size_kb"));
            assertEquals(before.get("options/bin"), during.get("options/bin"), "the raw pipe needs no text options");
            assertEquals(before.get("options/context-info"), during.get("options/context-info"));
            assertEquals("0", during.get("options/overwrite"));
            assertEquals("1", during.get("tracing_on"));
            assertEquals("1", during.get(loop.name + "/trace/enable"));
            assertEquals("issue,complete", during.get(loop.name + "/trace/act_mask"));
            assertEquals("100", during.get(loop.name + "/trace/start_lba"));
            assertEquals("1000", during.get(loop.name + "/trace/end_lba"));

            Request inside = new Request(true, 4096, 25);   // sector 200
            Request outside = new Request(true, 4096, 500); // sector 4000
            runDd(inside, loop.path);
            runDd(outside, loop.path);
            capture.stop();

            List<TraceRecord> events = new ArrayList<>();
            for (int cpu = 0; cpu < capture.cpuCount(); cpu++) {
                for (TraceRecord r : TraceFiles.decode(TraceFileWriter.fileName(dir, loop.name, cpu))) {
                    if (!r.isNotify()) {
                        events.add(r);
                    }
                }
            }
            assertFalse(events.isEmpty());
            for (TraceRecord r : events) {
                assertTrue(r.code() == Blk.TA_ISSUE || r.code() == Blk.TA_COMPLETE, "filtered action " + r);
                assertEquals(200, r.sector, "outside the LBA range: " + r);
            }
        }
        assertSameSettings(before, TracefsSnapshot.take());
    }

    /** Compares every setting present in both snapshots (other sessions may add loop devices). */
    private static void assertSameSettings(Map<String, String> before, Map<String, String> after) {
        Map<String, String> common = new TreeMap<>(after);
        common.keySet().retainAll(before.keySet());
        Map<String, String> expected = new TreeMap<>(before);
        expected.keySet().retainAll(after.keySet());
        assertTrue(expected.containsKey("current_tracer") && expected.containsKey("options/bin"));
        assertEquals(expected, common);
    }

    @Test
    void aDeviceAlreadyTracedIsRefusedAndLeftAsItWas() throws Exception {
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Path enable = Path.of("/sys/class/block", loop.name, "trace/enable");
            Path actMask = Path.of("/sys/class/block", loop.name, "trace/act_mask");
            Files.writeString(enable, "1");
            try {
                Files.writeString(actMask, "write");
                Map<String, String> before = TracefsSnapshot.take();
                try (FtraceCapture capture = new FtraceCapture(new TraceFileWriter(dir))) {
                    CaptureException e = assertThrows(CaptureException.class,
                        () -> capture.start(List.of(loop.path), FtraceOptions.DEFAULTS));
                    assertEquals(loop.path + " is already being traced (" + enable.toRealPath() + " is 1)", e.getMessage());
                }
                assertSameSettings(before, TracefsSnapshot.take());
                assertEquals("write", new String(ControlFiles.readBytes(actMask), StandardCharsets.ISO_8859_1).strip());
            } finally {
                Files.writeString(enable, "0");
            }
        }
    }

    @Test
    void anotherTracerInUseIsRefusedAndLeftRunning() throws Exception {
        Path tracer = HostFacility.TRACEFS.resolve("current_tracer");
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Files.writeString(tracer, "blk");
            try {
                Map<String, String> before = TracefsSnapshot.take();
                try (FtraceCapture capture = new FtraceCapture(new TraceFileWriter(dir))) {
                    CaptureException e = assertThrows(CaptureException.class,
                        () -> capture.start(List.of(loop.path), FtraceOptions.DEFAULTS));
                    assertEquals("ftrace is in use: current_tracer is 'blk' (not nop); stop that trace first; if no "
                        + "tool is tracing, reset it with: echo nop > " + tracer, e.getMessage());
                }
                assertSameSettings(before, TracefsSnapshot.take());
            } finally {
                Files.writeString(tracer, "nop");
            }
        }
    }

    @Test
    void aFailingSinkIsReportedInOneLineAndEverythingIsRestored() throws Exception {
        Map<String, String> before = TracefsSnapshot.take();
        TraceSink full = (device, cpu, records) -> {
            throw new IOException("No space left on device");
        };
        try (LoopDevice loop = LoopDevice.create(16 << 20); FtraceCapture capture = new FtraceCapture(full)) {
            capture.start(List.of(loop.path), FtraceOptions.DEFAULTS);
            runDd(new Request(true, 4096, 1), loop.path);
            CaptureException e = assertThrows(CaptureException.class, capture::stop);
            assertTrue(e.getMessage().matches("capturing CPU \\d+ failed: No space left on device"),
                e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertSameSettings(before, TracefsSnapshot.take());
    }

    @Test
    void theShutdownHookStopsTheCaptureAndRestoresEverything() throws Exception {
        Map<String, String> before = TracefsSnapshot.take();
        try (LoopDevice loop = LoopDevice.create(16 << 20); TraceFileWriter files = new TraceFileWriter(dir);
             FtraceCapture capture = new FtraceCapture(files)) {
            capture.start(List.of(loop.path), FtraceOptions.DEFAULTS.withBufferSizeKb(1024));
            runDd(new Request(false, 4096, 1), loop.path);
            Thread hook = capture.shutdownHook();
            hook.start();
            hook.join();
            assertSameSettings(before, TracefsSnapshot.take());
            capture.stop();
            long events = 0;
            for (int cpu = 0; cpu < capture.cpuCount(); cpu++) {
                events += capture.eventCount(loop.name, cpu);
            }
            assertTrue(events > 0);
        }
    }

    @Test
    void recordsReachTheSinkWithinTheFlushIntervalWhileTheCaptureRuns() throws Exception {
        List<TraceRecord> received = new ArrayList<>();
        TraceSink collect = (device, cpu, records) -> {
            synchronized (received) {
                received.addAll(TraceFiles.decode(records));
            }
        };
        try (LoopDevice loop = LoopDevice.create(16 << 20); FtraceCapture capture = new FtraceCapture(collect)) {
            capture.start(List.of(loop.path), FtraceOptions.DEFAULTS.withFlushIntervalMillis(100));
            runDd(new Request(true, 4096, 5), loop.path);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                Thread.sleep(20);
                synchronized (received) {
                    seen = received.stream().anyMatch(r -> !r.isNotify() && r.code() == Blk.TA_QUEUE && r.sector == 40);
                }
            }
            assertTrue(seen, "the queued write did not reach the sink before the stop");
        }
    }

    @Test
    void eventsLostWhileTheReaderIsStalledAreCounted() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        TraceSink stalled = (device, cpu, records) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            records.position(records.limit());
        };
        try (LoopDevice loop = LoopDevice.create(16 << 20); FtraceCapture capture = new FtraceCapture(stalled)) {
            capture.start(List.of(loop.path), FtraceOptions.DEFAULTS.withBufferSizeKb(16).withFlushBytes(4096)
                .withFlushIntervalMillis(10));
            Thread.sleep(50);
            Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + loop.path, "bs=512", "count=2000",
                "oflag=direct", "status=none").start();
            assertTrue(dd.waitFor(20, TimeUnit.SECONDS));
            release.countDown();
            capture.stop();
            long captured = 0;
            for (int cpu = 0; cpu < capture.cpuCount(); cpu++) {
                captured += capture.eventCount(cpu);
            }
            assertTrue(capture.droppedEvents() > 0, "nothing dropped");
            assertTrue(captured + capture.droppedEvents() >= 2000 * 2, captured + " + " + capture.droppedEvents());
        }
    }

    @Test
    void sigtermEndsACaptureInAnotherJvmWithEverythingRestored() throws Exception {
        Map<String, String> before = TracefsSnapshot.take();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FtraceCaptureMain.class.getName(), "-D", dir.toString(), loop.path)
                .redirectError(dir.resolve("child.err").toFile()).start();
            byte[] ready = child.getInputStream().readNBytes("tracing\n".length());
            assertEquals("tracing\n", new String(ready, StandardCharsets.US_ASCII), Files.readString(dir.resolve("child.err")));
            runDd(new Request(true, 8192, 2), loop.path);
            child.destroy();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            assertEquals(143, child.exitValue());
            assertEquals("", Files.readString(dir.resolve("child.err")));
            assertSameSettings(before, TracefsSnapshot.take());

            List<TraceRecord> records = new ArrayList<>();
            for (int cpu = 0; Files.exists(TraceFileWriter.fileName(dir, loop.name, cpu)); cpu++) {
                records.addAll(TraceFiles.decode(TraceFileWriter.fileName(dir, loop.name, cpu)));
            }
            assertTrue(records.stream().anyMatch(r -> r.isNotify() && r.code() == Blk.TN_TIMESTAMP));
            assertTrue(records.stream().anyMatch(r -> !r.isNotify() && r.code() == Blk.TA_QUEUE && r.sector == 32),
                "the write was not captured");
        }
    }

    @Test
    void aNonRootUserGetsOneClearLine() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
            java.toString(), "-cp", System.getProperty("java.class.path"), FtraceCaptureMain.class.getName(),
            "-D", "/nonexistent", "/dev/loop0")
            .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        assertEquals("tracing block devices through tracefs needs root (effective uid is 65534)\n", out);
        assertEquals(1, child.exitValue());
    }

    @Test
    void eventsOfTwoDevicesGoToTheirOwnStreams() throws Exception {
        Map<String, List<ByteBuffer>> written = new HashMap<>();
        TraceSink collect = (device, cpu, records) -> {
            ByteBuffer copy = ByteBuffer.allocate(records.remaining());
            copy.put(records).flip();
            synchronized (written) {
                written.computeIfAbsent(device, d -> new ArrayList<>()).add(copy);
            }
        };
        try (LoopDevice a = LoopDevice.create(16 << 20); LoopDevice b = LoopDevice.create(16 << 20);
             FtraceCapture capture = new FtraceCapture(collect)) {
            capture.start(List.of(a.path, b.path), FtraceOptions.DEFAULTS);
            runDd(new Request(true, 4096, 7), a.path);
            runDd(new Request(true, 4096, 9), b.path);
            capture.stop();
            assertEquals(List.of(a.name, b.name), capture.deviceNames());
            int deviceA = deviceNumber(a.path);
            int deviceB = deviceNumber(b.path);
            assertQueuedOnly(written.get(a.name), deviceA, 56);
            assertQueuedOnly(written.get(b.name), deviceB, 72);
        }
    }

    private static int deviceNumber(String path) throws IOException {
        long rdev = (Long) Files.getAttribute(Path.of(path), "unix:rdev");
        return Blk.device(DeviceNode.major(rdev), DeviceNode.minor(rdev));
    }

    private static void assertQueuedOnly(List<ByteBuffer> chunks, int device, long sector) {
        assertNotNull(chunks);
        boolean queued = false;
        for (ByteBuffer chunk : chunks) {
            for (TraceRecord r : TraceFiles.decode(chunk)) {
                assertEquals(device, r.device);
                queued |= !r.isNotify() && r.code() == Blk.TA_QUEUE && r.sector == sector;
            }
        }
        assertTrue(queued);
    }
}
