package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.trace.KernelFixture.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our blktrace, in its own JVM on this host's kernel (ftrace path), killed outright at each
 * stage or failing inside: tracefs must come back exactly as it was (through {@code -k} or the
 * next run), the trace files written until then must parse with Debian's blkparse, and what
 * happened must be said in one line.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(TracefsLock.class)
@HostKernel
class BlktraceCrashKernelTest {
    /** Where the ftrace path keeps the original settings while it runs. */
    private static final Path JOURNAL = Path.of("/run/jblktrace/ftrace-settings");
    private static final String FAULT_PROPERTY = "jblktrace.test.fault";

    @TempDir
    Path dir;

    @BeforeEach
    void requireKernel() throws IOException {
        KernelFixture.require();
    }

    /** blktrace in a JVM of its own, with a test fault or none; stderr goes to a file. */
    private Process blktrace(String fault, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        if (fault != null) {
            command.add("-D" + FAULT_PROPERTY + "=" + fault);
        }
        command.add(BlktraceMain.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile()).start();
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr"));
    }

    private static int exit(Process process) throws InterruptedException {
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "blktrace did not end");
        return process.exitValue();
    }

    /** What -k or the next run says after putting back a dead run's settings. */
    private static Pattern restored(Process dead, LoopDevice loop) {
        return Pattern.compile("blktrace: put back the tracefs settings blktrace \\(pid " + dead.pid() + ", tracing "
                + Pattern.quote(loop.path) + "\\) left when it died: [^\n]*current_tracer=nop[^\n]*\n");
    }

    private static void assertMatches(Pattern pattern, String text) {
        assertTrue(pattern.matcher(text).matches(), "expected " + pattern + ", got: " + text);
    }

    private Path traceDir() throws IOException {
        return Files.createDirectories(dir.resolve("out"));
    }

    /** Debian's blkparse reads every file the dead run wrote, and finds the requests made. */
    private static void assertDebianBlkparseReads(Path traceDir, LoopDevice loop) throws Exception {
        String parsed = InProcessRun.referenceBlkparse(traceDir, loop.name);
        assertTrue(parsed.startsWith("0\n"), parsed);
    }

    @Test
    void killedWhileRunningItIsPutBackByKillModeAndItsFilesParse() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        Path out = traceDir();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process run = blktrace(null, "-d", loop.path, "-D", out.toString(), "--backend=ftrace");
            KernelFixture.awaitTracing(loop, run);
            for (int block = 0; block < 200; block++) {
                new Request(true, 4096, block).run(loop.path);
            }
            run.destroyForcibly();
            assertEquals(137, exit(run));
            assertNotEquals(before, KernelFixture.settings(), "kill -9 leaves tracefs changed");
            assertTrue(Files.exists(JOURNAL));

            InProcessRun kill = InProcessRun.complete("-k");
            assertEquals(0, kill.status());
            assertMatches(restored(run, loop), kill.stderr());
            assertEquals(before, KernelFixture.settings());
            assertFalse(Files.exists(JOURNAL));
            assertDebianBlkparseReads(out, loop);

            InProcessRun again = InProcessRun.complete("-k", "-d", loop.path);
            assertEquals("BLKTRACETEARDOWN " + loop.path + " failed: 22/Invalid argument\n", again.stderr(),
                    "a second -k finds nothing of ours and tells as blktrace does");
        }
    }

    @Test
    void killedDuringSetupTheNextRunPutsItBackFirstAndSaysSo() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            // Dies right after its fourth change: the blk tracer is on by then, the device not yet traced.
            Process dead = blktrace("die-after-change=4", "-d", loop.path, "-D", traceDir().toString(),
                    "--backend=ftrace");
            assertEquals(137, exit(dead));
            assertNotEquals(before, KernelFixture.settings());

            InProcessRun next = InProcessRun.complete("-d", loop.path, "-D", traceDir().toString(), "-w", "1");
            assertEquals(0, next.status(), next.stderr());
            assertMatches(restored(dead, loop), next.stderr().replace(KernelFixture.LOCKED_DOWN_NOTE, ""));
            assertEquals(before, KernelFixture.settings());
            assertFalse(Files.exists(JOURNAL));
        }
    }

    @Test
    void killedWhileDrainingItIsPutBackByKillModeOnTheDevice() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        Path out = traceDir();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process dead = blktrace("die-while-draining", "-d", loop.path, "-D", out.toString(), "--backend=ftrace");
            KernelFixture.awaitTracing(loop, dead);
            new Request(true, 4096, 7).run(loop.path);
            dead.destroy();
            assertEquals(137, exit(dead));
            assertNotEquals(before, KernelFixture.settings());

            // The device was the dead run's: no BLKTRACETEARDOWN error after putting it back.
            InProcessRun kill = InProcessRun.complete("-k", "-d", loop.path);
            assertEquals(0, kill.status());
            assertMatches(restored(dead, loop), kill.stderr());
            assertEquals(before, KernelFixture.settings());
            assertDebianBlkparseReads(out, loop);
        }
    }

    @Test
    void aLiveRunIsLeftAloneByKillModeAndByANewRun() throws Exception {
        Path out = traceDir();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process live = blktrace(null, "-d", loop.path, "-D", out.toString(), "--backend=ftrace");
            try {
                KernelFixture.awaitTracing(loop, live);
                Map<String, String> tracing = KernelFixture.settings();
                InProcessRun kill = InProcessRun.complete("-k", "-d", loop.path);
                assertEquals("blktrace: blktrace (pid " + live.pid() + ", tracing " + loop.path + ") is running: its "
                        + "trace is left alone (stop it with kill -INT " + live.pid() + ")\n", kill.stderr());
                InProcessRun refused = InProcessRun.complete("-d", loop.path, "-D", dir.toString(), "--backend=ftrace");
                assertEquals("blktrace: ftrace is in use by blktrace (pid " + live.pid() + ", tracing " + loop.path
                        + "); stop that trace first (kill -INT " + live.pid() + ")\n", refused.stderr());
                assertEquals(1, refused.status());
                assertEquals(tracing, KernelFixture.settings());
                assertTrue(KernelFixture.isTracing(loop.name));
            } finally {
                live.destroy();
                assertEquals(0, exit(live), stderr());
            }
            assertFalse(Files.exists(JOURNAL), "a clean end removes the journal");
        }
    }

    @Test
    void anInternalErrorInAReaderEndsTheRunThroughTeardown() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        Path out = traceDir();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process run = blktrace("reader-error", "-d", loop.path, "-D", out.toString(), "--backend=ftrace");
            KernelFixture.awaitTracing(loop, run);
            for (int block = 0; block < 50 && run.isAlive(); block++) {
                new Request(true, 4096, block).run(loop.path);
            }
            assertEquals(1, exit(run), stderr());
            assertTrue(Pattern.compile("blktrace: internal error: fault injected in the reader \\(" + FAULT_PROPERTY
                    + "=reader-error\\) \\(in thread ftrace-cpu\\d+\\); stopping\n(?s).*").matcher(stderr()).matches(),
                    stderr());
            assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
            assertEquals(before, KernelFixture.settings());
            assertFalse(Files.exists(JOURNAL));
            assertDebianBlkparseReads(out, loop);
        }
    }

    @Test
    void aDeviceRemovedWhileTracedIsToldAndLeavesNothingBehind() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        Path out = traceDir();
        String parsed;
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process run = blktrace(null, "-d", loop.path, "-D", out.toString(), "--backend=ftrace");
            KernelFixture.awaitTracing(loop, run);
            for (int block = 0; block < 20; block++) {
                new Request(true, 4096, block).run(loop.path);
            }
            loop.unplug();
            run.destroy();
            assertEquals(0, exit(run), stderr());
            assertTrue(stderr().contains("blktrace: " + loop.path + " was removed while traced; the records it gave "
                    + "until then are kept\n"), stderr());
            assertFalse(stderr().contains("cannot"), stderr());
            assertFalse(Files.exists(JOURNAL), "nothing is left for -k");
            parsed = InProcessRun.referenceBlkparse(out, loop.name);
            assertEquals(20, parsed.lines().filter(line -> line.contains(" Q  W")).count(), parsed);
        }
        assertEquals(before, KernelFixture.settings());
    }

    @Test
    void aClosedPipeEndsThePipedRunThroughTeardown() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process run = blktrace(null, "-d", loop.path, "-o", "-", "--backend=ftrace");
            KernelFixture.awaitTracing(loop, run);
            InputStream records = run.getInputStream();
            new Request(true, 4096, 1).run(loop.path);
            records.close();
            for (int block = 0; block < 100 && run.isAlive(); block++) {
                new Request(true, 4096, block).run(loop.path);
            }
            assertNotEquals(137, exit(run), stderr());
            assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
            assertEquals(before, KernelFixture.settings());
            assertFalse(Files.exists(JOURNAL));
        }
    }
}
