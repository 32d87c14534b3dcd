package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.trace.KernelFixture.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/btrace tracing a loop device on this host: a timed run and Ctrl-C, with our blktrace
 * and blkparse found beside the script through a symbolic link. Package phase, see cli-trace/pom.xml.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(TracefsLock.class)
@HostKernel
class BtraceTracingIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "btrace").toAbsolutePath().normalize();
    private static final List<Request> REQUESTS = List.of(new Request(true, 4096, 3), new Request(false, 8192, 5),
            new Request(true, 65536, 2));

    @TempDir
    Path dir;

    /**
     * btrace in a process group of its own, with SIGINT at its default action whatever this JVM
     * inherited, as a shell in a terminal starts it.
     */
    private Process start(String... arguments) throws Exception {
        Path link = Files.createDirectories(dir.resolve("bin")).resolve("btrace");
        Files.createSymbolicLink(link, SCRIPT);
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "setsid",
                link.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private static ProcessOutcome finish(Process btrace) throws Exception {
        String out = new String(btrace.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(btrace.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(btrace.waitFor(20, TimeUnit.SECONDS));
        return new ProcessOutcome(btrace.exitValue(), out, err);
    }

    private static void assertTracedAndSummarised(String deviceName, ProcessOutcome outcome) throws Exception {
        assertTrue(List.of("", KernelFixture.LOCKED_DOWN_NOTE).contains(outcome.stderr()), outcome.stderr());
        assertEquals(KernelFixture.expectedEvents(REQUESTS), KernelFixture.queuedAndCompleted(outcome.stdout()),
                outcome.stdout());
        String deviceNumbers = Files.readString(Path.of("/sys/class/block", deviceName, "dev")).strip()
                .replace(':', ',');
        // The statistics end the output (a "Total" block only follows when several CPUs saw events).
        assertTrue(outcome.stdout().contains("\nThroughput (R/W): "), outcome.stdout());
        assertTrue(outcome.stdout().contains("\nEvents (" + deviceNumbers + "): "), outcome.stdout());
    }

    @Test
    void aTimedRunShowsTheRequestsQueuedAndCompleted() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process btrace = start("-w", "3", loop.path);
            KernelFixture.awaitTracing(loop, btrace);
            for (Request request : REQUESTS) {
                request.run(loop.path);
            }
            ProcessOutcome outcome = finish(btrace);
            assertEquals(0, outcome.status(), outcome.stderr());
            assertTracedAndSummarised(loop.name, outcome);
        }
        assertEquals(before, KernelFixture.settings());
    }

    @Test
    void ctrlCStopsBothToolsAfterBlkparsesSummary() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process btrace = start(loop.path);
            KernelFixture.awaitTracing(loop, btrace);
            for (Request request : REQUESTS) {
                request.run(loop.path);
            }
            // Time for the events to reach blkparse, which stops reading once it has the signal.
            Thread.sleep(1000);
            List<ProcessHandle> tools = btrace.descendants().toList();
            assertEquals(2, tools.size(), tools.toString());
            // "--": procps kill takes "-s INT -PID" as "-1", every process on the machine.
            KernelFixture.run("kill", "-s", "INT", "--", "-" + btrace.pid());
            ProcessOutcome outcome = finish(btrace);
            // The shell waits for the pipeline, then dies of the SIGINT it got too, as Debian's
            // btrace does under dash: 128 + SIGINT.
            assertEquals(130, outcome.status(), outcome.stderr());
            assertTracedAndSummarised(loop.name, outcome);
            for (ProcessHandle tool : tools) {
                assertFalse(tool.isAlive(), tool.info().toString());
            }
        }
        assertEquals(before, KernelFixture.settings());
    }
}
