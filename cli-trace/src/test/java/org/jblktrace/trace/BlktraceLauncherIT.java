package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.trace.KernelFixture.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/blktrace end to end against the packaged jars (package phase, see cli-trace/pom.xml):
 * live pipes into both blkparses, signals, a reader that goes away, and the launcher itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(TracefsLock.class)
@HostKernel
class BlktraceLauncherIT {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = CHECKOUT.resolve("scripts/blktrace");
    private static final Path OUR_BLKPARSE = CHECKOUT.resolve("scripts/blkparse");
    private static final Path OUR_BTT = CHECKOUT.resolve("scripts/btt");
    private static final List<Request> REQUESTS = List.of(new Request(true, 4096, 3), new Request(false, 8192, 5),
            new Request(true, 65536, 2), new Request(false, 1024, 99));

    @TempDir
    Path dir;

    private static ProcessOutcome run(Path workingDir, String... command) throws IOException, InterruptedException {
        return ProcessOutcome.run(workingDir, Map.of(), List.of(command));
    }

    @Test
    void worksThroughASymlinkAndMatchesTheReference() throws Exception {
        Path ours = Files.createDirectory(dir.resolve("ours"));
        Path reference = Files.createDirectory(dir.resolve("reference"));
        Files.createSymbolicLink(ours.resolve("bt"), SCRIPT);
        Files.createSymbolicLink(reference.resolve("bt"), Path.of("/usr/sbin/blktrace"));
        assertEquals(new ProcessOutcome(0, "./bt version 2.0.0\n", ""), run(ours, "./bt", "-V"));
        for (String[] command : List.of(new String[] {"./bt", "--vers"}, new String[] {"./bt"},
                new String[] {"./bt", "--help"}, new String[] {"./bt", "-d", "/nonexistent"})) {
            assertEquals(run(reference, command), run(ours, command), String.join(" ", command));
        }
    }

    @Test
    void livePipeIntoDebiansBlkparse() throws Exception {
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            ProcessOutcome outcome = tracePipeline(loop, "/usr/bin/blkparse -i -");
            assertTrue(List.of("0 0\n", KernelFixture.LOCKED_DOWN_NOTE + "0 0\n").contains(outcome.stderr()),
                    outcome.stderr());
            assertEquals(KernelFixture.expectedEvents(REQUESTS), KernelFixture.queuedAndCompleted(outcome.stdout()),
                    outcome.stdout());
        }
    }

    @Test
    void livePipeIntoOurBlkparseMatchesDebiansOnTheSameStream() throws Exception {
        Path stream = dir.resolve("stream");
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            ProcessOutcome outcome = tracePipeline(loop, "tee " + stream + " | " + OUR_BLKPARSE + " -i -");
            assertEquals(KernelFixture.expectedEvents(REQUESTS), KernelFixture.queuedAndCompleted(outcome.stdout()),
                    outcome.stdout());
            KernelFixture.assertWholeRecords(stream);
            // Pipe mode sorts what each read() brought, so the order depends on how the stream
            // arrived: both blkparses read the recorded stream the same way for the byte comparison.
            ProcessOutcome reference = run(dir, "sh", "-c",
                    ReferenceTools.tool(Release.V1_3, "blkparse") + " -i - < " + stream);
            ProcessOutcome ours = run(dir, "sh", "-c", OUR_BLKPARSE + " -i - < " + stream);
            assertEquals(reference.stdout(), ours.stdout());
        }
    }

    /**
     * btt analysing a live trace, {@code blktrace -o - | btt --trace=-} (one btt per Debian
     * release: the last reads tee's output, the others FIFOs that tee also feeds), reports what
     * Debian's btt reports on Debian's blkparse -d dump of the same stream, which tee records. The
     * live reads cannot order the records differently from the recorded stream's: our blktrace
     * writes the pipe in time order.
     */
    @Test
    void livePipeIntoOurBttMatchesDebiansBttOnTheDumpOfTheSameStream() throws Exception {
        List<Release> releases = ReferenceTools.selected();
        Path stream = dir.resolve("stream");
        StringBuilder tee = new StringBuilder("tee " + stream);
        StringBuilder before = new StringBuilder();
        String statuses = "0 0 0\n";
        for (Release release : releases) {
            Path live = Files.createDirectory(dir.resolve("live-" + release.name));
            String btt = "cd " + live + " && exec " + OUR_BTT + " --compat=" + release.name + " --trace=- -A";
            if (release == releases.get(releases.size() - 1)) {
                tee.append(" | (").append(btt).append(" > report)");
                break;
            }
            Path fifo = dir.resolve("fifo-" + release.name);
            KernelFixture.run("mkfifo", fifo.toString());
            tee.append(' ').append(fifo);
            before.append("(").append(btt).append(" < ").append(fifo).append(" > report) & pids=\"$pids $!\"; ");
            statuses += "0\n";
        }
        ProcessOutcome outcome;
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            outcome = tracePipeline(loop, before.toString(), tee.toString(),
                    "; for p in $pids; do wait $p; echo $? >&2; done");
        }
        assertTrue(List.of(statuses, KernelFixture.LOCKED_DOWN_NOTE + statuses).contains(outcome.stderr()),
                outcome.stderr());
        KernelFixture.assertWholeRecords(stream);
        for (Release release : releases) {
            Path dump = dir.resolve("dump-" + release.name);
            ProcessOutcome parse = run(dir, "sh", "-c", ReferenceTools.tool(release, "blkparse") + " -i - -d " + dump
                    + " -O < " + stream);
            assertEquals(0, parse.status(), parse.stderr());
            Path reference = Files.createDirectory(dir.resolve("reference-" + release.name));
            ProcessOutcome expected = run(reference, ReferenceTools.tool(release, "btt").toString(), "-i",
                    dump.toString(), "-A");
            assertEquals(0, expected.status(), expected.stderr());
            assertTrue(expected.stdout().contains("\nQ2C "), expected.stdout());
            Files.writeString(reference.resolve("report"), expected.stdout());
            Path live = dir.resolve("live-" + release.name);
            assertEquals(files(reference), files(live), release.name);
        }
    }

    /** Every file of a directory by name, with its text. */
    private static Map<String, String> files(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : entries.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    /**
     * {@code blktrace -d LOOP -o - -w 3 | CONSUMER} with the requests made once tracing is on;
     * stderr ends with the pipeline's statuses.
     */
    private ProcessOutcome tracePipeline(LoopDevice loop, String consumer) throws Exception {
        return tracePipeline(loop, "", consumer, "");
    }

    /** The same, with shell commands run before the pipeline and after its statuses. */
    private ProcessOutcome tracePipeline(LoopDevice loop, String first, String consumer, String last) throws Exception {
        Map<String, String> before = KernelFixture.settings();
        Process pipeline = new ProcessBuilder("bash", "-c", first + SCRIPT + " -d " + loop.path + " -o - -w 3 | "
                + consumer + "; echo ${PIPESTATUS[*]} >&2" + last).directory(dir.toFile()).start();
        KernelFixture.awaitTracing(loop, pipeline);
        for (Request request : REQUESTS) {
            request.run(loop.path);
        }
        byte[] out = pipeline.getInputStream().readAllBytes();
        byte[] err = pipeline.getErrorStream().readAllBytes();
        assertTrue(pipeline.waitFor(20, TimeUnit.SECONDS));
        assertEquals(before, KernelFixture.settings());
        return new ProcessOutcome(pipeline.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "HUP"})
    void aSignalStopsCleanly(String signal) throws Exception {
        Map<String, String> before = KernelFixture.settings();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process blktrace = new ProcessBuilder(SCRIPT.toString(), "-d", loop.path, "-D", dir.toString(),
                    "--backend=ftrace").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            KernelFixture.awaitTracing(loop, blktrace);
            Request request = new Request(true, 4096, 7);
            request.run(loop.path);
            KernelFixture.run("kill", "-s", signal, Long.toString(blktrace.pid()));
            String out = new String(blktrace.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(blktrace.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(blktrace.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, blktrace.exitValue(), err);
            assertEquals("", err);
            assertTrue(out.startsWith("=== " + loop.name + " ===\n"), out);
            assertEquals(before, KernelFixture.settings());
            String parsed = InProcessRun.referenceBlkparse(dir, loop.name);
            assertTrue(parsed.startsWith("0\n"), parsed);
            assertEquals(KernelFixture.expectedEvents(List.of(request)), KernelFixture.queuedAndCompleted(parsed));
        }
    }

    @Test
    void aReaderThatGoesAwayStopsTheTraceSilently() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process pipeline = new ProcessBuilder("bash", "-c", SCRIPT + " -d " + loop.path
                    + " -o - --backend=ftrace | head -c 100 | wc -c; echo ${PIPESTATUS[*]} >&2").directory(dir.toFile()).start();
            KernelFixture.awaitTracing(loop, pipeline);
            for (int i = 0; i < 50 && pipeline.isAlive(); i++) {
                new Request(true, 4096, i).run(loop.path);
                Thread.sleep(20);
            }
            String out = new String(pipeline.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(pipeline.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(pipeline.waitFor(20, TimeUnit.SECONDS));
            assertEquals("100\n", out);
            assertEquals("0 0 0\n", err);
            assertEquals(before, KernelFixture.settings());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ours", "/usr/sbin/blktrace"})
    void networkClientIntoAServer(String server) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path received = Files.createDirectory(dir.resolve("received"));
        String program = server.equals("ours") ? SCRIPT.toString() : server;
        Process listener = new ProcessBuilder(program, "-l", "-p", Integer.toString(port), "-D", received.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            awaitListening(port);
            Process client = new ProcessBuilder(SCRIPT.toString(), "-d", loop.path, "-h", "127.0.0.1", "-p",
                    Integer.toString(port), "-s").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            KernelFixture.awaitTracing(loop, client);
            Request request = new Request(true, 4096, 11);
            request.run(loop.path);
            KernelFixture.run("kill", "-s", "INT", Long.toString(client.pid()));
            String clientOut = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, client.exitValue());
            assertTrue(clientOut.startsWith("blktrace: connecting to 127.0.0.1\nblktrace: connected!\n=== "
                    + loop.name + " ===\n"), clientOut);
            Path hostDir;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                Thread.sleep(100);
                try (var entries = Files.list(received)) {
                    hostDir = entries.findFirst().orElse(null);
                }
            } while (System.nanoTime() < deadline && (hostDir == null
                    || !InProcessRun.referenceBlkparse(hostDir, loop.name).startsWith("0\n")));
            assertTrue(hostDir != null && hostDir.getFileName().toString().startsWith("127.0.0.1-"));
            assertEquals(KernelFixture.expectedEvents(List.of(request)),
                    KernelFixture.queuedAndCompleted(InProcessRun.referenceBlkparse(hostDir, loop.name)));
        } finally {
            KernelFixture.run("kill", "-s", "INT", Long.toString(listener.pid()));
            String serverOut = new String(listener.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(listener.waitFor(20, TimeUnit.SECONDS));
            assertTrue(serverOut.startsWith("server: waiting for connections...\nserver: connection from 127.0.0.1\n"
                    + "server: end of run for 127.0.0.1:"), serverOut);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                // The server takes this empty connection as a peer that vanished.
                new java.net.Socket("127.0.0.1", port).close();
                return;
            } catch (IOException notYet) {
                assertTrue(System.nanoTime() < deadline, "the server does not listen");
                Thread.sleep(50);
            }
        }
    }
}
