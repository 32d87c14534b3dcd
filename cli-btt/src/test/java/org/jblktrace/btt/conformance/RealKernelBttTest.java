package org.jblktrace.btt.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.io.TraceFileWriter;
import org.jblktrace.core.kernel.HostFacility;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.core.kernel.ftrace.FtraceCapture;
import org.jblktrace.core.kernel.ftrace.FtraceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace of this machine's own kernel (the ftrace blk tracer on a partitioned loop device, so
 * that requests through the partition are remapped onto the disk, merged and split while fio
 * and buffered writes run), dumped by Debian's blkparse: both releases' btt and ours must agree
 * byte for byte, and --trace on the trace files must give what the dump gives.
 */
@HostKernel
class RealKernelBttTest {
    @TempDir
    static Path work;
    static Path traceDir;
    static Path dump;
    static List<String> names = new ArrayList<>();

    @BeforeAll
    static void capture() throws Exception {
        HostFacility.requireFtrace();
        HostFacility.require(Files.isExecutable(Path.of("/usr/bin/fio")), "fio (apt-get install fio)");
        traceDir = Files.createDirectories(work.resolve("trace"));
        Path image = work.resolve("disk.img");
        Files.write(image, partitionTable(2048, 100_000));
        // One capture of the host kernel at a time: the other capture tests' lock.
        try (FileChannel lock = FileChannel.open(Path.of("/tmp/jblktrace-tracefs.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            lock.lock();
            try (LoopDevice loop = LoopDevice.create(image, 96L << 20)) {
                LoopDevice.run("partx", "-a", loop.path);
                String partition = loop.path + "p1";
                try (TraceFileWriter files = new TraceFileWriter(traceDir);
                     FtraceCapture capture = new FtraceCapture(files)) {
                    capture.start(List.of(loop.path), FtraceOptions.DEFAULTS);
                    names.addAll(capture.deviceNames());
                    // Through the partition: every request is remapped onto the disk (A events).
                    LoopDevice.run("fio", "--name=mixed", "--filename=" + partition, "--rw=randrw", "--bsrange=512-64k",
                            "--size=16m", "--io_size=4m", "--direct=1", "--ioengine=libaio", "--iodepth=8",
                            "--randseed=7", "--output=/dev/null");
                    LoopDevice.run("dd", "if=/dev/zero", "of=" + partition, "bs=4k", "count=512", "seek=4096",
                            "conv=fsync", "status=none");
                    LoopDevice.run("dd", "if=" + loop.path, "of=/dev/null", "bs=1M", "count=4", "skip=60",
                            "iflag=direct", "status=none");
                    capture.stop();
                } finally {
                    LoopDevice.run("partx", "-d", loop.path);
                }
            }
        }
        dump = work.resolve("kernel.dump");
        List<String> command = new ArrayList<>(List.of(BttReferences.blkparse().toString(),
                "-O", "-d", dump.toString(), "-D", traceDir.toString()));
        for (String name : names) {
            command.add("-i");
            command.add(name);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "blkparse -d failed");
        assertTrue(Files.size(dump) > 100_000, "the capture recorded too little: " + Files.size(dump) + " bytes");
    }

    /** An MBR with one Linux partition of {@code sectors} from sector {@code start}. */
    private static byte[] partitionTable(int start, int sectors) {
        java.nio.ByteBuffer mbr = java.nio.ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        mbr.put(446 + 4, (byte) 0x83);
        mbr.putInt(446 + 8, start);
        mbr.putInt(446 + 12, sectors);
        mbr.put(510, (byte) 0x55);
        mbr.put(511, (byte) 0xAA);
        return mbr.array();
    }

    @TestFactory
    List<DynamicTest> ourBttIsDebiansOnTheKernelsTrace() {
        String map = work.resolve("map").toString();
        List<List<String>> optionSets = List.of(List.of(), List.of("-A"), List.of("-a", "-r"), List.of("-A", "-e", "fio,dd"),
                List.of("-A", "-o", "o", "-X", "-B", "b", "-I", "i", "-l", "l", "-L", "0.01", "-s", "s", "-m", "m",
                        "-p", "p", "-P", "p", "-q", "q", "-Q", "q", "-u", "u", "-z", "z", "-Z"),
                List.of("-d", "0.01", "-t", "0.05", "-T", "1", "-v"), List.of("-M", map, "-A", "-I", "io", "-S", "1"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Release release : BttReferences.releases()) {
            for (List<String> options : optionSets) {
                tests.add(DynamicTest.dynamicTest(release.name + " " + options, () -> {
                    Files.writeString(Path.of(map), "loopdisk 7,0\n");
                    assertNull(BttRunner.compare(release, work, dump, options));
                }));
            }
        }
        return tests;
    }

    @Test
    void theTraceFilesGiveWhatTheirDumpGives() throws IOException {
        List<String> traceArgs = new ArrayList<>();
        for (String name : names) {
            traceArgs.add("--trace=" + name);
        }
        traceArgs.addAll(List.of("--trace-dir", traceDir.toString(), "-A", "-l", "l", "-q", "q"));
        BttRun fromTrace = BttRunner.ours(Compat.CURRENT, Files.createTempDirectory(work, "trace"), traceArgs, null);
        BttRun fromDump = BttRunner.ours(Compat.CURRENT, Files.createTempDirectory(work, "dump"),
                List.of("-i", dump.toString(), "-A", "-l", "l", "-q", "q"), null);
        assertEquals(0, fromTrace.status(), fromTrace.stderrText());
        assertNull(fromDump.firstDifference(fromTrace));
        assertTrue(count(org.jblktrace.core.record.Blk.TA_REMAP) > 0, "no remap (A) events in the kernel's trace");
        assertTrue(count(org.jblktrace.core.record.Blk.TA_BACKMERGE) + count(org.jblktrace.core.record.Blk.TA_FRONTMERGE) > 0,
                "no merges in the kernel's trace");
    }

    private static int count(int action) throws IOException {
        int n = 0;
        try (org.jblktrace.core.parse.TraceStream in = new org.jblktrace.core.parse.TraceStream(Files.newInputStream(dump), 1 << 17)) {
            org.jblktrace.core.record.TraceRecord r = new org.jblktrace.core.record.TraceRecord();
            while (in.next(r) == org.jblktrace.core.parse.TraceStream.Status.RECORD) {
                if (!r.isNotify() && r.code() == action) {
                    n++;
                }
            }
        }
        return n;
    }
}
