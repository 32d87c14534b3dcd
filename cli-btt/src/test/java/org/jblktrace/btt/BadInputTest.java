package org.jblktrace.btt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jblktrace.btt.conformance.BttReferences;
import org.jblktrace.btt.conformance.TestDumps;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps btt cannot fully trust: each gives one clear line on stderr, never a stack trace, and
 * what could be read is still reported. Where Debian's btt behaves well (byte order, an empty
 * dump, long -M names in 1.3) ours is compared with it.
 */
class BadInputTest {
    @TempDir
    static Path work;
    static byte[] good;

    @BeforeAll
    static void dump() {
        good = TestDumps.generated(21, 400, 10, true, ByteOrder.LITTLE_ENDIAN);
    }

    private static TestDumps.Result run(byte[] dump, String... options) throws IOException {
        Path dir = Files.createTempDirectory(work, "run");
        Path file = dir.resolveSibling(dir.getFileName() + ".dump");
        Files.write(file, dump);
        String[] args = new String[options.length + 2];
        args[0] = "-i";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        TestDumps.Result r = TestDumps.ours(Compat.CURRENT, dir, args);
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("internal error") || r.stderr().contains("\tat "),
                r.stderr());
        return r;
    }

    private static String report(byte[] dump) throws IOException {
        return run(dump).stdout();
    }

    @Test
    void aTruncatedLastRecordIsReportedAndTheRestAnalysed() throws IOException {
        byte[] cut = Arrays.copyOf(good, good.length - 30);
        TestDumps.Result r = run(cut);
        assertEquals(0, r.status());
        assertTrue(r.stderr().matches("btt: .*: truncated record at offset \\d+ \\(\\d+ bytes\\) ignored\n"), r.stderr());
        assertTrue(r.stdout().contains("All Devices"));
    }

    @Test
    void aCorruptRecordStopsTheReadingWithItsOffset() throws IOException {
        byte[] bad = good.clone();
        int offset = recordOffset(bad, 40);
        bad[offset + 2] ^= 0x5a;
        TestDumps.Result r = run(bad);
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("no blktrace record at offset " + offset + " (bad magic"), r.stderr());
        assertTrue(r.stderr().contains("the report covers the records before it"), r.stderr());
        assertTrue(r.stdout().contains("All Devices"), "still a report");
    }

    /** The byte offset of record {@code n} in a little-endian dump. */
    private static int recordOffset(byte[] dump, int n) {
        ByteBuffer b = ByteBuffer.wrap(dump).order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        for (int i = 0; i < n; i++) {
            int version = b.get(p) & 0xFF;
            int header = version == 8 ? 64 : 48;
            p += header + (b.getShort(p + (version == 8 ? 50 : 46)) & 0xFFFF);
        }
        return p;
    }

    @Test
    void anUnknownVersionIsNamed() throws IOException {
        byte[] bad = good.clone();
        int offset = recordOffset(bad, 7);
        bad[offset] = 9;
        TestDumps.Result r = run(bad);
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("unsupported trace version 9 at offset " + offset), r.stderr());
    }

    @Test
    void notADumpAtAll() throws IOException {
        byte[] text = "this is a text file, not a dump; it is long enough for a record header.\n".repeat(3).getBytes();
        TestDumps.Result r = run(text);
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("no blktrace record at offset 0"), r.stderr());
    }

    @Test
    void anEmptyDumpEndsQuietlyLikeBttButSaysWhy() throws Exception {
        for (int size : new int[] {0, 47}) {
            TestDumps.Result r = run(Arrays.copyOf(good, size));
            assertEquals(0, r.status());
            assertEquals("", r.stdout());
            assertTrue(r.files().isEmpty(), "btt writes nothing for an empty dump: " + r.files().keySet());
            assertTrue(r.stderr().contains("no trace records, nothing to analyse"), r.stderr());
            Path empty = work.resolve("empty" + size + ".dump");
            Files.write(empty, Arrays.copyOf(good, size));
            for (Release release : BttReferences.releases()) {
                assertNull(org.jblktrace.btt.conformance.TestDumps.compareWithReference(release, work, empty, List.of()));
            }
        }
    }

    @Test
    void craftedDeviceNumbersAndLongMapNamesAreJustNames() throws IOException {
        TraceRecord r = new TraceRecord();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int[] devices = {-1, 0x7FFFFFFF, Blk.device(4095, 1048575), 0};
        long t = 1000;
        for (int dev : devices) {
            for (int code : new int[] {Blk.TA_QUEUE, Blk.TA_ISSUE, Blk.TA_COMPLETE}) {
                r.time = t += 1000;
                r.device = dev;
                r.sector = 4096;
                r.bytes = 4096;
                r.action = Blk.action(code, Blk.TC_WRITE | Blk.TC_FS);
                out.writeBytes(RecordCodec.toBytes(r, ByteOrder.LITTLE_ENDIAN));
            }
        }
        Path map = work.resolve("long.map");
        String longName = "n".repeat(200);
        Files.writeString(map, longName + " 4095,1048575\n" + "x".repeat(250) + " 4095,1048575\n");
        Path dump = work.resolve("devices.dump");
        Files.write(dump, out.toByteArray());
        TestDumps.Result ours = run(out.toByteArray(), "-M", map.toString(), "-A");
        assertEquals(0, ours.status(), ours.stderr());
        assertTrue(ours.stdout().contains("(4095,1048575)") || ours.stdout().contains(longName.substring(0, 14)));
        // Debian 13's btt has the CVE-2018-10689 fix: it must agree with ours.
        assertNull(TestDumps.compareWithReference(Release.V1_3, work, dump, List.of("-M", map.toString(), "-A")));
        assertNull(TestDumps.compareWithReference(Release.V1_3, work, dump, List.of("-A", "-I", "io", "-q", "q")));
    }

    @Test
    void aDeviceListedButAbsentIsLeftOutWithAWarning() throws IOException {
        TestDumps.Result r = run(good, "-D", "8,0;9,9;8,16");
        assertEquals(0, r.status());
        assertEquals("btt: -D: no device 9,9 in the trace, left out\n", r.stderr());
        assertTrue(r.stdout().contains("(  8,  0)") && r.stdout().contains("(  8, 16)"));
    }

    @Test
    void missingInputAndUnwritableOutputs() throws IOException {
        Path dir = Files.createTempDirectory(work, "x");
        TestDumps.Result r = TestDumps.ours(Compat.CURRENT, dir, "-i", "no-such.dump");
        assertEquals(1, r.status());
        assertEquals("no-such.dump: No such file or directory\n", r.stderr());
        Path dump = work.resolve("ok.dump");
        Files.write(dump, good);
        r = TestDumps.ours(Compat.CURRENT, dir, "-i", dump.toString(), "-o", "missing/dir/out");
        assertEquals(1, r.status());
        assertEquals("missing/dir/out.dat: No such file or directory\n", r.stderr());
        r = TestDumps.ours(Compat.CURRENT, dir, "-i", dir.toString());
        assertEquals(1, r.status());
        assertTrue(r.stderr().endsWith(": Is a directory\n"), r.stderr());
    }

    @Test
    void versionEightIsRefusedInTheCompatModesWithAReason() throws IOException {
        Path dump = work.resolve("v8.dump");
        Files.write(dump, TestDumps.generated(4, 50, Blk.VERSION_8));
        TestDumps.Result r = TestDumps.ours(Compat.V1_3, Files.createTempDirectory(work, "v8"), "-i", dump.toString());
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("version 8 record at offset 0: btt 1.3 reads version 7 only"), r.stderr());
    }
}
