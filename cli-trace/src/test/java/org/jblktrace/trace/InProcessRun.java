package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.parse.BlkparseMain;

/** Our blktrace running in a thread of the test JVM, stopped as SIGINT would stop it. */
final class InProcessRun {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final TraceContext context = new TraceContext(stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8));
    private final Thread thread;
    private volatile int status = -1;

    private InProcessRun(String[] args) {
        this.thread = new Thread(() -> status = BlktraceMain.run("blktrace", args, context), "blktrace-under-test");
    }

    static InProcessRun start(String... args) {
        InProcessRun run = new InProcessRun(args);
        run.thread.start();
        return run;
    }

    /** Runs to the end (an option error, -k, -w) and returns the exit status. */
    static InProcessRun complete(String... args) throws InterruptedException {
        InProcessRun run = start(args);
        run.join();
        return run;
    }

    /** Waits until the device's trace is on: the kernel then records its I/O. */
    InProcessRun awaitTracing(String deviceName) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && thread.isAlive()) {
            if (KernelFixture.isTracing(deviceName)) {
                return this;
            }
            Thread.sleep(20);
        }
        fail("tracing did not start: " + stderr());
        return this;
    }

    /** Stops the run as a signal would and waits for it. */
    int stop() throws InterruptedException {
        context.stop().request();
        return join();
    }

    int join() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(20));
        assertTrue(!thread.isAlive(), "blktrace did not end: " + stderr());
        return status;
    }

    int status() {
        return status;
    }

    String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** Our blkparse on trace files {@code DIR/NAME.blktrace.*}: stdout and the exit status. */
    static String ourBlkparse(Path directory, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ParseContext parse = new ParseContext(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), false, directory);
        int status = BlkparseMain.run("blkparse", new String[] {"-i", name, "-D", directory.toString()}, parse);
        return status + "\n" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /**
     * Debian 13's blkparse (1.3.0, whose output ours gives by default) on the same files, in the
     * same shape as {@link #ourBlkparse}.
     */
    static String referenceBlkparse(Path directory, String name) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ReferenceTools.tool(Release.V1_3, "blkparse").toString(), "-i", name,
                "-D", directory.toString())
                .directory(directory.toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        return process.exitValue() + "\n" + new String(out, StandardCharsets.UTF_8)
                + new String(err, StandardCharsets.UTF_8);
    }
}
