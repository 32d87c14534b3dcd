package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.trace.KernelFixture.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our blktrace on this host's kernel, in-process, through the ftrace path: real requests on a
 * loop device, the stop paths, and the failures users meet. One class, under the tracefs lock,
 * so that no two captures overlap.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(TracefsLock.class)
@HostKernel
class BlktraceKernelTest {
    @TempDir
    Path dir;

    @BeforeEach
    void requireKernel() throws IOException {
        KernelFixture.require();
    }

    @Test
    void knownRequestsAreQueuedAndCompletedAndBothBlkparsesAgree() throws Exception {
        List<Request> requests = List.of(new Request(true, 4096, 3), new Request(false, 8192, 5),
                new Request(true, 65536, 2), new Request(false, 512, 1000), new Request(true, 1024, 77),
                new Request(false, 131072, 9));
        Map<String, String> before = KernelFixture.settings();
        try (LoopDevice loop = LoopDevice.create(32 << 20)) {
            InProcessRun run = InProcessRun.start("-d", loop.path, "-D", dir.toString(), "--backend=ftrace");
            try {
                run.awaitTracing(loop.name);
                for (Request request : requests) {
                    request.run(loop.path);
                }
            } finally {
                assertEquals(0, run.stop(), run.stderr());
            }
            String reference = InProcessRun.referenceBlkparse(dir, loop.name);
            assertEquals(KernelFixture.expectedEvents(requests), KernelFixture.queuedAndCompleted(reference), reference);
            assertEquals(reference, InProcessRun.ourBlkparse(dir, loop.name));
            assertTrue(run.stdout().startsWith("=== " + loop.name + " ===\n  CPU  0: "), run.stdout());
            assertEquals("", run.stderr());
        }
        assertEquals(before, KernelFixture.settings());
    }

    @Test
    void version8FilesHoldTheSameRequestsAsVersion7Files() throws Exception {
        List<Request> requests = List.of(new Request(true, 4096, 3), new Request(false, 8192, 5),
                new Request(true, 65536, 2));
        Map<String, List<String>> seen = new java.util.TreeMap<>();
        try (LoopDevice loop = LoopDevice.create(32 << 20)) {
            for (String version : new String[] {"7", "8"}) {
                Path files = Files.createDirectory(dir.resolve("v" + version));
                InProcessRun run = InProcessRun.start("-d", loop.path, "-D", files.toString(), "--backend=ftrace",
                        "--trace-version=" + version);
                try {
                    run.awaitTracing(loop.name);
                    for (Request request : requests) {
                        request.run(loop.path);
                    }
                } finally {
                    assertEquals(0, run.stop(), run.stderr());
                }
                assertEquals("", run.stderr());
                byte[] head = Files.readAllBytes(files.resolve(loop.name + ".blktrace.0"));
                assertEquals(0x65617400 | Integer.parseInt(version),
                        java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.nativeOrder()).getInt(0));
                seen.put(version, KernelFixture.queuedAndCompleted(InProcessRun.ourBlkparse(files, loop.name)));
            }
            assertEquals(KernelFixture.expectedEvents(requests), seen.get("7"));
            assertEquals(seen.get("7"), seen.get("8"));
        }
    }

    @Test
    void ourClientSendsEitherVersionToOurServerAndToDebians() throws Exception {
        List<Request> requests = List.of(new Request(true, 4096, 7), new Request(false, 16384, 3));
        try (LoopDevice loop = LoopDevice.create(32 << 20)) {
            for (String version : new String[] {"7", "8"}) {
                for (boolean ours : new boolean[] {true, false}) {
                    Path received = Files.createDirectories(dir.resolve((ours ? "ours-" : "debian-") + version));
                    int port;
                    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                        port = probe.getLocalPort();
                    }
                    String[] serverArgs = {"-l", "-p", Integer.toString(port), "-D", received.toString()};
                    Path serverLog = dir.resolve("server-" + version + ".log");
                    InProcessRun ourServer = ours ? InProcessRun.start(serverArgs) : null;
                    Process debianServer = ours ? null : new ProcessBuilder(java.util.stream.Stream.concat(
                            java.util.stream.Stream.of("stdbuf", "-oL", "/usr/sbin/blktrace"),
                            java.util.Arrays.stream(serverArgs)).toList())
                            .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!(ours ? ourServer.stdout() : Files.readString(serverLog))
                            .contains("server: waiting for connections...")) {
                        assertTrue(System.nanoTime() < deadline, "the server does not listen");
                        Thread.sleep(20);
                    }
                    InProcessRun client = InProcessRun.start("-d", loop.path, "-h", "127.0.0.1", "-p",
                            Integer.toString(port), "--backend=ftrace", "--trace-version=" + version);
                    try {
                        client.awaitTracing(loop.name);
                        for (Request request : requests) {
                            request.run(loop.path);
                        }
                    } finally {
                        assertEquals(0, client.stop(), client.stderr());
                        Thread.sleep(500);
                        if (ours) {
                            assertEquals(0, ourServer.stop(), ourServer.stderr());
                        } else {
                            debianServer.destroy();
                            debianServer.waitFor(10, TimeUnit.SECONDS);
                        }
                    }
                    assertEquals("", client.stderr());
                    assertEquals("blktrace: connecting to 127.0.0.1\nblktrace: connected!\n",
                            client.stdout().substring(0, client.stdout().indexOf("=== ")));
                    Path run;
                    try (java.util.stream.Stream<Path> runs = Files.list(received)) {
                        run = runs.filter(path -> path.getFileName().toString().startsWith("127.0.0.1-")).findFirst()
                                .orElseThrow(() -> new AssertionError("nothing received in " + received));
                    }
                    byte[] head = Files.readAllBytes(run.resolve(loop.name + ".blktrace.0"));
                    assertEquals(0x65617400 | Integer.parseInt(version),
                            java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.nativeOrder()).getInt(0));
                    String parsed = version.equals("7") ? InProcessRun.referenceBlkparse(run, loop.name)
                            : InProcessRun.ourBlkparse(run, loop.name);
                    assertEquals(KernelFixture.expectedEvents(requests), KernelFixture.queuedAndCompleted(parsed),
                            (ours ? "our" : "Debian's") + " server, version " + version);
                }
            }
        }
    }

    @Test
    void theRelayFilesOfThisKernelOfferNoVersion8() throws Exception {
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            InProcessRun run = InProcessRun.complete("-d", loop.path, "-D", dir.toString(), "--backend=relay",
                    "--trace-version=8");
            assertEquals(new Result(1, "blktrace: this kernel's relay traces are version 7 only (version 8 came with "
                    + "Linux 6.19); try --backend=ftrace\n"), Result.of(run));
        }
    }

    @Test
    void stopwatchEndsTheRunWithASummaryOfTheFiles() throws Exception {
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            long started = System.nanoTime();
            InProcessRun run = InProcessRun.start("-d", loop.path, "-D", dir.toString(), "-w", "1",
                    "--backend=ftrace");
            assertEquals(0, run.join(), run.stderr());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(8));
            long cpus = Files.list(dir).count();
            StringBuilder expected = new StringBuilder("=== " + loop.name + " ===\n");
            long total = 0;
            for (int cpu = 0; cpu < cpus; cpu++) {
                long bytes = Files.size(dir.resolve(loop.name + ".blktrace." + cpu));
                total += bytes;
                expected.append(String.format("  CPU%3d: %20d events, %8d KiB data\n", cpu, bytes / 48,
                        (bytes + 1023) >> 10));
            }
            expected.append(String.format("  Total:  %20d events (dropped 0), %8d KiB data\n", total / 48,
                    (total + 1024) >> 10));
            assertEquals(expected.toString(), run.stdout());
            assertEquals("", run.stderr());
        }
    }

    @Test
    void outputPlacesFollowBlktraceNamingAndReportEachFailedCpu() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        int cpus = Integer.parseInt(KernelFixture.read(Path.of("/sys/devices/system/cpu/online"))
                .replaceAll(".*[-,]", "")) + 1;
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            Path made = dir.resolve("made");
            InProcessRun created = InProcessRun.start("-d", loop.path, "-D", made.toString(), "-o", "named",
                    "--backend=ftrace").awaitTracing(loop.name);
            assertEquals(0, created.stop(), created.stderr());
            for (int cpu = 0; cpu < cpus; cpu++) {
                assertTrue(Files.exists(made.resolve("named.blktrace." + cpu)));
            }

            StringBuilder expected = new StringBuilder();
            String missingParent = dir.resolve("no/such").toString();
            for (int cpu = 0; cpu < cpus; cpu++) {
                expected.append("Destination dir ").append(missingParent).append("/ can't be made: 2/No such file or directory\n");
            }
            StringBuilder failed = new StringBuilder();
            for (int cpu = 0; cpu < cpus; cpu++) {
                failed.append("FAILED to start thread on CPU ").append(cpu).append(": 1/Operation not permitted\n");
            }
            InProcessRun noParent = InProcessRun.complete("-d", loop.path, "-D", missingParent, "--backend=ftrace");
            assertEquals(new Result(0, expected + failed.toString()), Result.of(noParent));
            assertEquals("", noParent.stdout());

            // Without -D the name is put after "./" as it is, so an absolute -o is relative (Q-BT1).
            expected.setLength(0);
            for (int cpu = 0; cpu < cpus; cpu++) {
                expected.append("Open output file .//nonexistent-dir/x.blktrace.").append(cpu)
                        .append(" failed: 2/No such file or directory\n");
            }
            InProcessRun absolute = InProcessRun.complete("-d", loop.path, "-o", "/nonexistent-dir/x",
                    "--backend=ftrace");
            assertEquals(new Result(0, expected + failed.toString()), Result.of(absolute));
        }
        assertEquals(before, KernelFixture.settings());
    }

    @Test
    void theModuleBackendSaysWhenTheModuleIsNotLoaded() throws Exception {
        assertTrue(!Files.exists(Path.of("/dev/jblktrace")), "this test needs a host without the jblktrace module");
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            InProcessRun run = InProcessRun.complete("-d", loop.path, "-D", dir.toString(), "--backend=module");
            assertEquals(new Result(1, "blktrace: cannot open /dev/jblktrace: No such file or directory "
                    + "(is the jblktrace module loaded?)\n"), Result.of(run));
        }
    }

    @Test
    void killModeTearsDownATraceAndReportsLikeTheReferenceWhenThereIsNone() throws Exception {
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            Path enable = Path.of("/sys/class/block", loop.name, "trace/enable");
            Files.writeString(enable, "1");
            InProcessRun kill = InProcessRun.complete("-k", "-d", loop.path);
            assertEquals(0, kill.status());
            assertEquals("", kill.stderr());
            assertEquals("0", Files.readString(enable).strip());
            InProcessRun nothingToKill = InProcessRun.complete("-k", loop.path);
            assertEquals(0, nothingToKill.status());
            assertEquals("BLKTRACETEARDOWN " + loop.path + " failed: 22/Invalid argument\n", nothingToKill.stderr());
            assertEquals(nothingToKill.stderr(), KernelFixture.runReference("-k", loop.path));
        }
    }

    @Test
    void aDeviceTracedByAnotherRunIsRefusedAndThatTraceGoesOn() throws Exception {
        Path second = Files.createDirectory(dir.resolve("second"));
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            InProcessRun first = InProcessRun.start("-d", loop.path, "-D", dir.toString());
            try {
                first.awaitTracing(loop.name);
                InProcessRun refused = InProcessRun.complete("-d", loop.path, "-D", second.toString(), "--backend",
                        "ftrace");
                long pid = ProcessHandle.current().pid();
                assertEquals(new Result(1, "blktrace: ftrace is in use by blktrace (pid " + pid + ", tracing "
                        + loop.path + "); stop that trace first (kill -INT " + pid + ")\n"), Result.of(refused));
                Request afterwards = new Request(true, 4096, 1);
                afterwards.run(loop.path);
                assertEquals(0, first.stop(), first.stderr());
                String parsed = InProcessRun.referenceBlkparse(dir, loop.name);
                assertEquals(KernelFixture.expectedEvents(List.of(afterwards)), KernelFixture.queuedAndCompleted(parsed));
            } finally {
                first.stop();
            }
        }
    }

    @Test
    void aDeviceTracedOutsideFtraceIsRefusedAndLeftTraced() throws Exception {
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            Path enable = Path.of("/sys/class/block", loop.name, "trace/enable");
            // What blktrace's BLKTRACESETUP or another tool leaves: a trace set up on the queue.
            Files.writeString(enable, "1");
            try {
                InProcessRun refused = InProcessRun.complete("-d", loop.path, "-D", dir.toString(), "--backend=ftrace");
                assertEquals(new Result(1, "blktrace: " + loop.path + " is already being traced ("
                        + enable.toRealPath() + " is 1)\n"), Result.of(refused));
                assertEquals("1", KernelFixture.read(enable));
            } finally {
                Files.writeString(enable, "0");
            }
        }
    }

    @Test
    void aFullDiskStopsTheRunAndKeepsWholeRecords() throws Exception {
        Path tiny = Files.createDirectory(dir.resolve("tiny"));
        KernelFixture.run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny.toString());
        try (LoopDevice loop = LoopDevice.create(32 << 20)) {
            InProcessRun run = InProcessRun.start("-d", loop.path, "-D", tiny.toString());
            try {
                run.awaitTracing(loop.name);
                for (int i = 0; i < 40 && run.status() < 0; i++) {
                    KernelFixture.run("dd", "if=/dev/zero", "of=" + loop.path, "bs=4096", "count=64", "oflag=direct",
                            "status=none");
                }
                assertEquals(1, run.join(), run.stderr());
            } finally {
                run.stop();
            }
            assertTrue(run.stderr().contains("failed: No space left on device; stopped, the files keep the whole "
                    + "records written so far\n"), run.stderr());
            for (int cpu = 0; Files.exists(tiny.resolve(loop.name + ".blktrace." + cpu)); cpu++) {
                KernelFixture.assertWholeRecords(tiny.resolve(loop.name + ".blktrace." + cpu));
            }
            assertTrue(InProcessRun.referenceBlkparse(tiny, loop.name).startsWith("0\n"));
        } finally {
            KernelFixture.run("umount", tiny.toString());
        }
    }

    @Test
    void theDefaultDebugfsIsMountedWhenMissingAndAnUnmountablePlaceIsOneLine() throws Exception {
        Path mountPoint = Files.createDirectory(dir.resolve("debug"));
        Path file = Files.createFile(dir.resolve("file"));
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            assertEquals(new Result(0, "BLKTRACETEARDOWN " + loop.path + " failed: 22/Invalid argument\n"),
                    runWithDefaultDebugfs(mountPoint, "-k", loop.path));
            assertTrue(!Files.readString(Path.of("/proc/mounts")).contains(mountPoint.toString()),
                    "the debugfs we mounted is still mounted");
            assertEquals(new Result(1, "Debugfs is not mounted at " + file
                    + " and mounting it there failed: 20/Not a directory\n"), runWithDefaultDebugfs(file, "-k", loop.path));
        }
    }

    @Test
    void theRelayPathLeavesAnotherSessionsTraceAlone() throws Exception {
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            Path enable = Path.of("/sys/class/block", loop.name, "trace/enable");
            Files.writeString(enable, "1");
            try {
                InProcessRun refused = InProcessRun.complete("-d", loop.path, "-D", dir.toString());
                assertEquals(new Result(1, "BLKTRACESETUP(2) " + loop.path + " failed: 16/Device or resource busy\n"),
                        Result.of(refused));
                assertEquals("1", KernelFixture.read(enable));
            } finally {
                Files.writeString(enable, "0");
            }
        }
    }

    record Result(int status, String stderr) {
        static Result of(InProcessRun run) {
            return new Result(run.status(), run.stderr());
        }
    }

    private static Result runWithDefaultDebugfs(Path debugfs, String... args) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        TraceContext context = new TraceContext(new java.io.ByteArrayOutputStream(),
                new java.io.PrintStream(err, true), Path.of("/sys/devices/system/cpu/online"), debugfs.toString(),
                Map.of());
        int status = BlktraceMain.run("blktrace", args, context);
        return new Result(status, err.toString());
    }

    @Test
    void aUserWhoIsNotRootGetsOneLine() throws Exception {
        try (LoopDevice loop = LoopDevice.create(8 << 20)) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    java.toString(), "-cp", KernelFixture.classPathForEveryone(dir), BlktraceMain.class.getName(),
                    "-d", loop.path, "-D", "/nonexistent").redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes());
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            assertEquals("Invalid path " + loop.path + " specified: 13/Permission denied\n", out);
            assertEquals(1, child.exitValue());
            assertEquals(out, KernelFixture.runReferenceAs65534("-d", loop.path));
        }
    }
}
