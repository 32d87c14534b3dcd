package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version 8 records: read natively, same output as their version 7 equivalents. */
class BlkparseVersion8Test {
    private static final String F = Harness.FORMAT;

    @TempDir
    Path v7;
    @TempDir
    Path v8;

    private static byte[] concat(Path dir) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Files.readAllBytes(dir.resolve("sda.blktrace.0")));
        b.writeBytes(Files.readAllBytes(dir.resolve("sda.blktrace.1")));
        return b.toByteArray();
    }

    @Test
    void version8TraceGivesTheSameOutputAsVersion7() throws Exception {
        TraceFiles.appendixA(v7, Blk.VERSION_7);
        TraceFiles.appendixA(v8, Blk.VERSION_8);
        String[][] runs = {
            {"-f", F, "-i", "sda"},
            {"-f", F, "-t", "-s", "-i", "sda"},
            {"-f", F, "-b", "3", "-s", "-h", "-i", "sda"},
        };
        for (String[] args : runs) {
            Harness.Result a = Harness.ours(v7, null, args);
            Harness.Result b = Harness.ours(v8, null, args);
            assertEquals(a.out(), b.out());
            assertEquals(a.stderr(), b.stderr());
            assertEquals(a.status(), b.status());
        }
        Harness.Result a = Harness.ours(v7, concat(v7), "-f", F, "-i", "-");
        Harness.Result b = Harness.ours(v8, concat(v8), "-f", F, "-i", "-");
        assertEquals(a.out(), b.out());
        assertEquals(a.stderr(), b.stderr());
    }

    @Test
    void version8DumpKeepsVersion8Records() throws Exception {
        TraceFiles.appendixA(v8, Blk.VERSION_8);
        Harness.Result r = Harness.ours(v8, null, "-O", "-d", "out.bin", "-i", "sda");
        assertEquals(0, r.status());
        byte[] dump = Files.readAllBytes(v8.resolve("out.bin"));
        assertEquals(0x65617408, java.nio.ByteBuffer.wrap(dump).order(ByteOrder.nativeOrder()).getInt(0));
        // Parsing the dump again gives the events once more (rebased times, one file per CPU 0).
        Files.move(v8.resolve("out.bin"), v8.resolve("again.blktrace.0"));
        Harness.Result again = Harness.ours(v8, null, "-f", "%a\\n", "-q", "-i", "again");
        assertTrue(again.stderr().contains("cpu 0 trace info has error cpu 1"));
    }

    @Test
    void dumpVersionConvertsBetweenTheTwoLayouts() throws Exception {
        TraceFiles.appendixA(v7, Blk.VERSION_7);
        TraceFiles.appendixA(v8, Blk.VERSION_8);
        byte[] sevens = dump(v7, "own7.bin");
        byte[] eights = dump(v8, "own8.bin");
        assertEquals(0x65617407, java.nio.ByteBuffer.wrap(sevens).order(ByteOrder.nativeOrder()).getInt(0));
        assertArrayEquals(sevens, dump(v8, "to7.bin", "--dump-version", "7"));
        assertArrayEquals(eights, dump(v7, "to8.bin", "--dump-version", "8"));
        assertArrayEquals(sevens, dump(v7, "still7.bin", "--dump-version", "7"));
        // What fio and the packaged blkparse read: the converted dump parses as the version 7 one.
        Files.move(v8.resolve("to7.bin"), v8.resolve("seven.blktrace.0"));
        Files.move(v7.resolve("own7.bin"), v8.resolve("native.blktrace.0"));
        Harness.Result converted = Harness.same(v8, "-f", F, "-i", "seven");
        Harness.Result original = Harness.same(v8, "-f", F, "-i", "native");
        assertEquals(original.out().replace("native", "seven"), converted.out());
    }

    private static byte[] dump(Path dir, String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-O", "-d", name));
        args.addAll(List.of(extra));
        args.addAll(List.of("-i", "sda"));
        Harness.Result r = Harness.ours(dir, null, args.toArray(new String[0]));
        assertEquals(0, r.status(), r.stderr());
        return Files.readAllBytes(dir.resolve(name));
    }

    @Test
    void zoneActionsPrintAndCount() throws Exception {
        TraceFiles t = new TraceFiles(ByteOrder.LITTLE_ENDIAN, Blk.VERSION_8);
        long zoneAppend = (long) Blk.TC_ZONE_APPEND << Blk.TC_SHIFT;
        t.add(rec(1, 100, Blk.TA_ZONE_PLUG, Blk.TC_QUEUE | Blk.TC_WRITE, 0));
        TraceRecord unplug = rec(2, 200, Blk.TA_ZONE_UNPLUG, Blk.TC_QUEUE | Blk.TC_WRITE, 0);
        unplug.setPdu(TraceFiles.be64(4));
        t.add(unplug);
        t.add(rec(3, 300, Blk.TA_ZONE_MGMT, 0, zoneAppend));
        t.write(v8.resolve("z.blktrace.0"));
        ParseOptions opts = Harness.options(v8, "-s", "-i", "z");
        opts.formats['Z' - 'A'] = "%a %s\\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParseContext ctx = new ParseContext(System.in, out, new java.io.PrintStream(new ByteArrayOutputStream()), false, v8);
        assertEquals(0, new Blkparse(opts, ctx, Grouping.of(false)).run());
        String text = out.toString();
        assertTrue(text.startsWith("ZP 1\nZU 2\nZM 3\n"), text);
        assertTrue(text.contains("CPU0 (z):"));
        assertTrue(text.contains(" IO unplugs:             1        \t Timer unplugs:           0\n"), text);
        assertTrue(text.contains("Events (z): 3 entries"));
    }

    private static TraceRecord rec(int seq, long time, int code, int categories, long extra) {
        TraceRecord r = TraceFiles.record(seq, time, 0, 0, Blk.action(code, categories) | extra, 7, TraceFiles.SDA, 0);
        r.version = Blk.VERSION_8;
        return r;
    }

    @Test
    void version7ZoneCodesAreUnknownActions() throws Exception {
        TraceFiles t = new TraceFiles();
        t.event(0, 1, 100, 0, 0, Blk.TA_ZONE_PLUG, Blk.TC_QUEUE | Blk.TC_WRITE, 1);
        t.event(0, 2, 200, 0, 0, Blk.TA_ZONE_UNPLUG, Blk.TC_QUEUE | Blk.TC_WRITE, 1);
        t.write(v7.resolve("z.blktrace.0"));
        Harness.same(v7, "-f", F, "-i", "z");
    }
}
