package org.jblktrace.reqlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.kernel.HostFacility;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/reqlog on this machine's kernel through the ftrace blk tracer, on loop devices: watch
 * on a known workload, migrate under fio with and without events dropped on purpose, map, and
 * the faults. Holds the tracefs lock of the other capture tests for the whole class.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@HostKernel
class ReqlogHostIT {
    /** The lock cli-trace's capture tests hold: one capture of the host kernel at a time. */
    private static final Path LOCK_FILE = Path.of("/tmp/jblktrace-tracefs.lock");
    private static final Path FIO = Path.of("/usr/bin/fio");
    private static FileLock lock;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireAndLock() throws IOException {
        HostFacility.requireFtrace();
        HostFacility.require(Files.isExecutable(FIO), FIO.toString());
        lock = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE).lock();
    }

    @AfterAll
    static void unlock() throws IOException {
        if (lock != null) {
            lock.channel().close();
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ReqlogLauncherIT.SCRIPT.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private static void dd(String device, String... operands) throws Exception {
        // One CPU: through a capture path each CPU's lines come in order, not all CPUs' together.
        List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", "dd", "status=none"));
        command.addAll(List.of(operands));
        command.add(device.startsWith("if=") || device.startsWith("of=") ? device : "of=" + device);
        LoopDevice.run(command.toArray(new String[0]));
    }

    /** Writes one block at sector 2048 until watch shows it in {@code lines}: the trace is running. */
    private static void awaitTracing(String device, Process watch, Path lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(lines).contains(" sector 2048 write 8\n")) {
            assertTrue(watch.isAlive() && System.nanoTime() < deadline, "watch did not start");
            dd("of=" + device, "if=/dev/zero", "bs=4k", "count=1", "seek=256", "oflag=direct");
            Thread.sleep(200);
        }
    }

    @Test
    void watchPrintsTheSeedsLinesForAKnownWorkload() throws Exception {
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Path lines = dir.resolve("watch.out");
            Process watch = new ProcessBuilder(ReqlogLauncherIT.SCRIPT.toString(), "watch", "--backend=ftrace",
                    loop.path).redirectOutput(lines.toFile()).redirectInput(new File("/dev/null")).start();
            awaitTracing(loop.path, watch, lines);
            dd("of=" + loop.path, "if=/dev/zero", "bs=4k", "count=3", "seek=10", "oflag=direct");
            dd("if=" + loop.path, "of=/dev/null", "bs=8k", "count=1", "skip=100", "iflag=direct");
            dd("of=" + loop.path, "if=/dev/zero", "bs=64k", "count=1", "seek=2", "oflag=direct");
            Thread.sleep(500);
            // Not Process.destroy(), which closes the pipes before they are read.
            new ProcessBuilder("kill", "-TERM", Long.toString(watch.pid())).start().waitFor();
            ProcessOutcome outcome = ProcessOutcome.finish(watch, "reqlog watch");
            String all = Files.readString(lines);
            String afterMarker = all.substring(all.lastIndexOf(" sector 2048 write 8\n") + 21);
            String prefix = "device 7/" + Integer.parseInt(loop.name.substring(4)) + " sector ";
            assertEquals(prefix + "80 write 8\n" + prefix + "88 write 8\n" + prefix + "96 write 8\n"
                    + prefix + "1600 read 16\n" + prefix + "256 write 128\n", afterMarker);
            assertEquals(0, outcome.status(), outcome.stderr());
            assertEquals("", outcome.stderr());
        }
    }

    private static byte[] digest(String path) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }

    /** Migrates a 64 MiB loop device while fio writes random data, then SIGTERM after fio ends. */
    private ProcessOutcome migrateUnderFio(String target, String... options) throws Exception {
        try (LoopDevice loop = LoopDevice.create(64 << 20)) {
            dd("of=" + loop.path, "if=/dev/urandom", "bs=1M", "count=64");
            List<String> args = new ArrayList<>(List.of("migrate", "--backend=ftrace"));
            args.addAll(List.of(options));
            args.addAll(List.of(loop.path, target));
            Process migrate = start(args.toArray(new String[0]));
            Thread.sleep(1500);
            LoopDevice.run("fio", "--name=writer", "--filename=" + loop.path, "--rw=randwrite", "--bs=4k",
                    "--runtime=5", "--time_based", "--direct=1", "--ioengine=libaio", "--iodepth=8",
                    "--randrepeat=0", "--output=/dev/null");
            new ProcessBuilder("kill", "-TERM", Long.toString(migrate.pid())).start().waitFor();
            ProcessOutcome outcome = ProcessOutcome.finish(migrate, "reqlog migrate");
            if (outcome.status() == 0) {
                assertArrayEquals(digest(loop.path), digest(target), "the target differs from the source");
            }
            return outcome;
        }
    }

    @Test
    void migrateUnderRandomWritesEndsEqual() throws Exception {
        Path target = dir.resolve("copy.img");
        ProcessOutcome outcome = migrateUnderFio(target.toString());
        assertEquals(0, outcome.status(), outcome.stderr());
        String[] lines = outcome.stdout().split("\n");
        assertTrue(lines[lines.length - 1].matches("migrated /dev/loop\\d+ to " + target
                + ": \\d+ passes, \\d+ bytes copied, \\d+ bytes copied after stop"), outcome.stdout());
        assertEquals(64L << 20, Files.size(target));
    }

    @Test
    void migrateWithEventsDroppedOnPurposeEndsEqualOrFailsLoudly() throws Exception {
        Path target = dir.resolve("copy.img");
        ProcessOutcome outcome = migrateUnderFio(target.toString(), "--buffer-size=8");
        assertTrue(outcome.stderr().contains("dropped"), "no event was dropped: " + outcome.stderr());
        if (outcome.status() != 0) {
            assertFalse(outcome.stdout().contains("migrated "), outcome.stdout());
            assertTrue(outcome.stderr().startsWith("reqlog: ") || outcome.stderr().contains("\nreqlog: "),
                    outcome.stderr());
        }
    }

    @Test
    void mapPrintsTheMergedWrittenExtents() throws Exception {
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            Process map = start("map", "--backend=ftrace", "--seconds=6", loop.path);
            Thread.sleep(3000);
            dd("of=" + loop.path, "if=/dev/zero", "bs=4k", "count=2", "seek=100", "oflag=direct");
            dd("of=" + loop.path, "if=/dev/zero", "bs=4k", "count=1", "seek=102", "oflag=direct");
            dd("of=" + loop.path, "if=/dev/zero", "bs=512", "count=3", "seek=7", "oflag=direct");
            dd("if=" + loop.path, "of=/dev/null", "bs=4k", "count=4", "skip=500", "iflag=direct");
            assertEquals(new ProcessOutcome(0, "7 3\n800 24\n", ""), ProcessOutcome.finish(map, "reqlog map"));
        }
    }

    @Test
    void aMapThatLostEventsSaysSoAndExits2() throws Exception {
        try (LoopDevice loop = LoopDevice.create(64 << 20)) {
            Process map = start("map", "--backend=ftrace", "--buffer-size=8", "--seconds=10", loop.path);
            Thread.sleep(3000);
            LoopDevice.run("fio", "--name=writer", "--filename=" + loop.path, "--rw=randwrite", "--bs=4k",
                    "--runtime=4", "--time_based", "--direct=1", "--ioengine=libaio", "--iodepth=8",
                    "--randrepeat=0", "--output=/dev/null");
            ProcessOutcome outcome = ProcessOutcome.finish(map, "reqlog map");
            assertEquals(2, outcome.status(), outcome.stderr());
            assertTrue(outcome.stderr().contains("reqlog: the map is incomplete: "), outcome.stderr());
        }
    }

    @Test
    void faultsAreOneLineAndNoSuccess() throws Exception {
        try (LoopDevice source = LoopDevice.create(8 << 20); LoopDevice small = LoopDevice.create(4 << 20)) {
            assertEquals(new ProcessOutcome(1, "", "reqlog: " + small.path + " is smaller than the source ("
                    + (4 << 20) + " < " + (8 << 20) + " bytes)\n"),
                    ProcessOutcome.run(dir, Map.of(), List.of(ReqlogLauncherIT.SCRIPT.toString(), "migrate",
                            source.path, small.path)));
            assertEquals(new ProcessOutcome(1, "", "reqlog: cannot open /nonexistent/copy.img for writing: "
                    + "No such file or directory\n"), ProcessOutcome.run(dir, Map.of(), List.of(
                    ReqlogLauncherIT.SCRIPT.toString(), "migrate", source.path, "/nonexistent/copy.img")));
            assertEquals(new ProcessOutcome(1, "", "reqlog: " + dir + " is neither a block device nor a regular file\n"),
                    ProcessOutcome.run(dir, Map.of(), List.of(ReqlogLauncherIT.SCRIPT.toString(), "migrate",
                            source.path, dir.toString())));
            assertEquals(new ProcessOutcome(1, "", "reqlog: " + source.path + " overlaps the source " + source.path
                    + "\n"), ProcessOutcome.run(dir, Map.of(), List.of(ReqlogLauncherIT.SCRIPT.toString(),
                    "migrate", source.path, source.path)));
            ProcessOutcome noRoot = ProcessOutcome.run(dir, Map.of(), List.of("setpriv", "--reuid=65534",
                    "--regid=65534", "--clear-groups", ReqlogLauncherIT.SCRIPT.toString(), "map", "--backend=ftrace",
                    "--seconds=1", source.path));
            assertEquals(1, noRoot.status());
            assertTrue(noRoot.stderr().matches("reqlog: cannot trace " + source.path + " through ftrace: .*root.*\n"),
                    noRoot.stderr());
        }
    }

    @Test
    void aFullDiskIsRefusedBeforeCopying() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("full"));
        LoopDevice.run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
        try (LoopDevice source = LoopDevice.create(8 << 20)) {
            Path target = mount.resolve("copy.img");
            assertEquals(new ProcessOutcome(1, "", "reqlog: cannot reserve " + (8 << 20) + " bytes for " + target
                    + ": No space left on device\n"), ProcessOutcome.run(dir, Map.of(), List.of(
                    ReqlogLauncherIT.SCRIPT.toString(), "migrate", "--backend=ftrace", source.path,
                    target.toString())));
        } finally {
            LoopDevice.run("umount", mount.toString());
        }
    }

    /**
     * A loop device that shrinks under the migration (its file truncated, losetup -c): reads past
     * its new end fail, or the end finds it changed. (A detached loop device keeps working while
     * the migration holds it open, so shrinking is how it goes away here.)
     */
    @Test
    void aSourceThatShrinksFailsTheMigration() throws Exception {
        Path target = dir.resolve("copy.img");
        try (LoopDevice source = LoopDevice.create(64 << 20)) {
            Path stderr = dir.resolve("migrate.err");
            Process migrate = new ProcessBuilder(ReqlogLauncherIT.SCRIPT.toString(), "migrate", "--backend=ftrace",
                    source.path, target.toString()).redirectError(stderr.toFile()).redirectInput(new File("/dev/null"))
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(stderr).contains("up to date")) {
                assertTrue(migrate.isAlive() && System.nanoTime() < deadline, Files.readString(stderr));
                Thread.sleep(100);
            }
            Path backing = Path.of(Files.readString(Path.of("/sys/block/" + source.name + "/loop/backing_file")).strip());
            LoopDevice.run("truncate", "-s", "1M", backing.toString());
            LoopDevice.run("losetup", "-c", source.path);
            new ProcessBuilder("kill", "-TERM", Long.toString(migrate.pid())).start().waitFor();
            ProcessOutcome outcome = ProcessOutcome.finish(migrate, "reqlog migrate");
            assertEquals(new ProcessOutcome(1, "", ""), new ProcessOutcome(outcome.status(), outcome.stdout(), ""));
            assertTrue(Files.readString(stderr).endsWith("reqlog: " + source.path + " changed size during the "
                    + "migration (" + (64 << 20) + " bytes, now " + (1 << 20) + "): the copy is not its image\n"),
                    Files.readString(stderr));
        }
    }
}
