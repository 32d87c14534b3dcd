package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.trace.KernelFixture.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/quickstart both ways: as root it traces a loop device of its own and leaves nothing
 * behind, Ctrl-C included; as another user it parses the shipped sample. Its set-up: the build
 * runs as the checkout's owner, and without a JDK or Maven it says what to run. The checkout is
 * built by now (package phase, see cli-trace/pom.xml), so most runs skip the build
 * (--no-build); where the build itself is the point, a stand-in mvn records how it was run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(TracefsLock.class)
@HostKernel
class QuickstartIT {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = CHECKOUT.resolve("scripts/quickstart");
    private static final String SAMPLE_NOTE = "quickstart: not root, so no live trace; parsing the shipped sample "
            + "trace (docs/sample) with blkparse instead\n";

    @TempDir
    Path dir;

    /** The dd requests of the script: 16 direct 64 KiB writes from 0, 32 direct 4 KiB reads from 2 MiB. */
    private static List<String> workloadEvents() {
        List<Request> requests = new ArrayList<>();
        for (int block = 0; block < 16; block++) {
            requests.add(new Request(true, 65536, block));
        }
        for (int block = 512; block < 512 + 32; block++) {
            requests.add(new Request(false, 4096, block));
        }
        return KernelFixture.expectedEvents(requests);
    }

    private Process start(Path tmp, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("TMPDIR", tmp.toString());
        return builder.start();
    }

    private static ProcessOutcome finish(Process process) throws Exception {
        return ProcessOutcome.finish(process, "quickstart");
    }

    /** Nothing left in the script's TMPDIR, and no loop device over a file that was there. */
    private static void assertCleanedUp(Path tmp) throws Exception {
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
        String loops = KernelFixture.run("losetup", "-a");
        assertFalse(loops.contains(tmp.toString()), loops);
    }

    private static void assertTraceShown(ProcessOutcome outcome) {
        assertTrue(outcome.stderr().startsWith("quickstart: btrace -w 5 /dev/loop"), outcome.stderr());
        assertTrue(KernelFixture.queuedAndCompleted(outcome.stdout()).containsAll(workloadEvents()), outcome.stdout());
        assertTrue(outcome.stdout().contains("\nThroughput (R/W): "), outcome.stdout());
    }

    @Test
    void asRootTracesALoopDeviceOfItsOwnAndRemovesIt() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        ProcessOutcome outcome = finish(start(tmp, List.of(SCRIPT.toString(), "--no-build")));
        assertEquals(0, outcome.status(), outcome.stderr());
        assertTraceShown(outcome);
        assertCleanedUp(tmp);
        assertEquals(before, KernelFixture.settings());
    }

    @Test
    void ctrlCStillRemovesTheLoopDevice() throws Exception {
        Map<String, String> before = KernelFixture.settings();
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        // In a process group of its own with SIGINT at its default, as a shell in a terminal starts it.
        Process quickstart = start(tmp, List.of("env", "--default-signal=INT", "setsid", SCRIPT.toString(), "--no-build"));
        String device = awaitLoopDevice(tmp, quickstart);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!KernelFixture.isTracing(device) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // The workload's dd runs take well under a second once tracing is on.
        Thread.sleep(1500);
        // "--": procps kill takes "-s INT -PID" as "-1", every process on the machine.
        KernelFixture.run("kill", "-s", "INT", "--", "-" + quickstart.pid());
        ProcessOutcome outcome = finish(quickstart);
        assertEquals(130, outcome.status(), outcome.stderr());
        assertTraceShown(outcome);
        assertCleanedUp(tmp);
        assertEquals(before, KernelFixture.settings());
    }

    /** The name (loopN) of the device quickstart attaches over its image in {@code tmp}. */
    private static String awaitLoopDevice(Path tmp, Process quickstart) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && quickstart.isAlive()) {
            for (String line : KernelFixture.run("losetup", "-a").split("\n")) {
                if (line.contains(tmp.toString())) {
                    return line.substring("/dev/".length(), line.indexOf(':'));
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no loop device over " + tmp + ": " + finish(quickstart));
    }

    @Test
    void anotherUserGetsTheSampleParsed() throws Exception {
        Path copy = everyoneReadableCopy();
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        ProcessOutcome outcome = finish(start(tmp, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                copy.resolve("scripts/quickstart").toString(), "--no-build")));
        ProcessOutcome reference = finish(start(tmp, List.of(ReferenceTools.tool(Release.V1_3, "blkparse").toString(),
                "-i", "sample", "-D", copy.resolve("docs/sample").toString())));
        assertEquals(new ProcessOutcome(0, reference.stdout(), SAMPLE_NOTE), outcome);
    }

    /**
     * What quickstart and blkparse need of the checkout, copied where user 65534 can read it
     * (the checkout itself may sit in root's home).
     */
    private Path everyoneReadableCopy() throws IOException {
        Path copy = dir.resolve("checkout");
        for (String part : List.of("scripts", "docs/sample", "cli-parse/target/lib", "cli-trace/target/lib")) {
            Files.createDirectories(copy.resolve(part));
            try (Stream<Path> files = Files.list(CHECKOUT.resolve(part))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(part).resolve(file.getFileName()));
                }
            }
        }
        Files.copy(CHECKOUT.resolve("cli-parse/target/cli-parse.jar"), copy.resolve("cli-parse/target/cli-parse.jar"));
        Files.createDirectories(copy.resolve("cli-trace/target"));
        Files.copy(CHECKOUT.resolve("cli-trace/target/cli-trace.jar"), copy.resolve("cli-trace/target/cli-trace.jar"));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) || Files.isExecutable(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return copy;
    }

    @Test
    void aCheckoutThatIsNotBuiltIsExplained() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("checkout/scripts")).resolve("quickstart");
        Files.copy(SCRIPT, copy);
        Files.copy(SCRIPT.resolveSibling("launcher.sh"), copy.resolveSibling("launcher.sh"));
        ProcessOutcome outcome = finish(start(Files.createDirectory(dir.resolve("tmp")),
                List.of(copy.toString(), "--no-build")));
        assertEquals(new ProcessOutcome(1, "", copy + ": " + dir.resolve("checkout/cli-parse/target/cli-parse.jar")
                + " is missing; build first with mvn -q -B package -DskipTests\n"), outcome);
    }

    /**
     * As root in a checkout another user owns, as after {@code sudo scripts/quickstart} in a
     * user's clone: the build runs as that user, in that user's home, and the trace as root.
     */
    @Test
    void asRootInAUsersCheckoutTheBuildRunsAsThatUser() throws Exception {
        Path copy = everyoneReadableCopy();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path record = dir.resolve("mvn-run");
        stubMaven(bin, "echo \"$(id -u) $HOME $*\" > " + record);
        Files.createFile(record);
        run("chown", "-R", "65534:65534", copy.toString(), record.toString());
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        ProcessOutcome outcome = finish(start(tmp, List.of("env", "PATH=" + bin + ":" + System.getenv("PATH"),
                copy.resolve("scripts/quickstart").toString())));
        assertEquals(0, outcome.status(), outcome.stderr());
        assertEquals("65534 /nonexistent -q -B package -DskipTests\n", Files.readString(record));
        assertTrue(outcome.stderr().startsWith("quickstart: building with mvn -q -B package -DskipTests"
                + " (a minute or two the first time)\nquickstart: btrace -w 5 /dev/loop"), outcome.stderr());
        assertTrue(KernelFixture.queuedAndCompleted(outcome.stdout()).containsAll(workloadEvents()), outcome.stdout());
        assertCleanedUp(tmp);
    }

    @Test
    void withoutJavaOrMavenAUserIsToldWhatToRun() throws Exception {
        Path copy = everyoneReadableCopy();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("readlink", "stat", "id")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        Path script = copy.resolve("scripts/quickstart");
        ProcessOutcome outcome = finish(start(Files.createDirectory(dir.resolve("tmp")), List.of("setpriv",
                "--reuid=65534", "--regid=65534", "--clear-groups", "env", "-u", "JAVA_HOME", "PATH=" + bin,
                script.toString())));
        assertEquals(new ProcessOutcome(1, "", "quickstart: the build needs a JDK 17 or newer and Maven: run sudo "
                + script + ", which installs Debian's default-jdk-headless maven, or install them yourself\n"),
                outcome);
    }

    /** A stand-in mvn in BIN that runs the shell command LINE and builds nothing. */
    private static void stubMaven(Path bin, String line) throws IOException {
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + line + "\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void run(String... command) throws Exception {
        KernelFixture.run(command);
    }
}
