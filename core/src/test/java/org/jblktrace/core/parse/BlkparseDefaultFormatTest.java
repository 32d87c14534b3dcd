package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.record.Blk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default output format end to end, with the engine and the formatter together.
 */
class BlkparseDefaultFormatTest {
    @TempDir
    Path dir;

    @Test
    void appendixFixtureInFileMode() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.Result r = Harness.same(dir, "-i", "sda");
        assertTrue(r.out().startsWith("  8,0    0        1     0.000000000   697  Q   W 223490 + 8 [kjournald]\n"));
        assertTrue(r.stderr().equals("Bad fs action 1110010\n"));
        Harness.same(dir, "-t", "-i", "sda");
        Harness.same(dir, "-t", "-s", "-i", "sda");
        Harness.same(dir, "-s", "-h", "-b", "2", "-i", "sda");
        Harness.sameMerged(dir, null, "-i", "sda");
    }

    @Test
    void appendixFixtureInPipeMode() throws Exception {
        TraceFiles.appendixA(dir);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Files.readAllBytes(dir.resolve("sda.blktrace.0")));
        b.writeBytes(Files.readAllBytes(dir.resolve("sda.blktrace.1")));
        Harness.same(dir, b.toByteArray(), "-i", "-");
        Harness.same(dir, b.toByteArray(), "-t", "-s", "-i", "-");
    }

    @Test
    void remapRewritesTheDumpedDevice() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.sameFiles(dir, null, List.of("r.bin"), "-d", "r.bin", "-i", "sda");
        Harness.sameFiles(dir, null, List.of("r.bin"), "-F", "A,%D\\n", "-d", "r.bin", "-i", "sda");
    }

    @Test
    void wallClockBaseDiffersBetweenModes() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.same(dir, "-f", "%z %a\\n", "-q", "-i", "sda");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Files.readAllBytes(dir.resolve("sda.blktrace.0")));
        b.writeBytes(Files.readAllBytes(dir.resolve("sda.blktrace.1")));
        Harness.same(dir, b.toByteArray(), "-f", "%z %a\\n", "-q", "-i", "-");
    }

    @Test
    void foreignByteOrderIncludingTheTimestampPayload() throws Exception {
        TraceFiles.appendixA(dir, Blk.VERSION_7, java.nio.ByteOrder.BIG_ENDIAN);
        Harness.same(dir, "-i", "sda");
        Harness.same(dir, "-f", "%z %a\\n", "-q", "-i", "sda");
        Harness.sameFiles(dir, null, List.of("le.bin"), "-O", "-d", "le.bin", "-i", "sda");
    }

    @Test
    void driverDataNotice() throws Exception {
        TraceFiles t = new TraceFiles();
        t.event(0, 1, 100, 0, 4096, Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE | Blk.TC_FS, 1);
        t.event(0, 2, 200, 0, 4096, Blk.TA_DRV_DATA, Blk.TC_DRV_DATA, 1);
        t.write(dir.resolve("sda.blktrace.0"));
        Harness.Result r = Harness.same(dir, "-i", "sda");
        assertTrue(r.out().endsWith("added\n\ndiscarded traces containing low-level device driver specific data"
            + " (only available in binary output)\n"));
        Harness.same(dir, "-O", "-i", "sda");
    }
}
