package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's small building blocks. */
class EngineUnitsTest {
    @TempDir
    Path dir;

    @Test
    void versionOrderFollowsStrverscmp() {
        String[] ordered = {"000", "00", "01", "010", "09", "0", "1", "9", "10"};
        for (int i = 0; i < ordered.length; i++) {
            for (int j = 0; j < ordered.length; j++) {
                int c = VersionOrder.compare(ordered[i], ordered[j]);
                assertEquals(Integer.signum(Integer.compare(i, j)), Integer.signum(c), ordered[i] + " vs " + ordered[j]);
            }
        }
        assertTrue(VersionOrder.compare("dd9", "dd10") < 0);
        assertTrue(VersionOrder.compare("kworker/0:1", "kworker/0:10") < 0);
        assertTrue(VersionOrder.compare("a", "b") < 0);
        assertTrue(VersionOrder.compare("\u00e9", "z") > 0);
        assertEquals(0, VersionOrder.compare("same", "same"));
    }

    @Test
    void groupingNeedsALocaleNamedExactlyEnUs() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        assertFalse(Grouping.detect(null, dir));
        Files.createDirectories(dir.resolve("en_US.UTF-8"));
        Files.write(dir.resolve("en_US.UTF-8/LC_NUMERIC"), new byte[1]);
        assertFalse(Grouping.detect(null, dir));
        assertFalse(Grouping.detect(dir.toString(), other));
        Files.createDirectories(dir.resolve("en_US"));
        Files.write(dir.resolve("en_US/LC_NUMERIC"), new byte[1]);
        assertTrue(Grouping.detect(null, dir));
        assertTrue(Grouping.detect("/nonexistent:" + dir, other));
        assertTrue(Grouping.detect("/nonexistent", dir));
        assertFalse(Grouping.detect("/nonexistent", other));
        Files.createDirectories(other.resolve("en"));
        Files.write(other.resolve("en/LC_NUMERIC"), new byte[1]);
        assertTrue(Grouping.detect(null, other));
        assertFalse(Grouping.archiveHas(dir.resolve("missing-archive")));
    }

    @Test
    void groupingFindsEnUsInALocaleArchive() throws Exception {
        Path locales = Files.createDirectories(dir.resolve("usr/lib/locale"));
        Process p = new ProcessBuilder("localedef", "--prefix=" + dir, "-i", "en_US", "-f", "ISO-8859-1", "en_US")
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        assertTrue(Grouping.archiveHas(locales.resolve("locale-archive")));
        assertTrue(Grouping.detect(null, locales));
        // With LOCPATH glibc does not consult the archive.
        assertFalse(Grouping.detect("/nonexistent", locales));
    }

    @Test
    void groupedNumbersKeepTheirWidth() {
        TextBuffer b = new TextBuffer();
        Grouping.of(true).appendUnsigned(b, 1000003, 8);
        b.append('|');
        Grouping.of(true).appendUnsigned(b, 999, 8);
        b.append('|');
        Grouping.of(true).appendUnsigned(b, -1L, 0);
        b.append('|');
        Grouping.of(false).appendUnsigned(b, 4000000, 8);
        assertEquals("1,000,003|     999|18,446,744,073,709,551,615| 4000000", b.toString());
    }

    @Test
    void percentRoundsTheExactBinaryValueHalfToEven() {
        assertEquals("0.2", StatsPrinter.percent(0.25));
        assertEquals("0.3", StatsPrinter.percent(0.35));
        assertEquals("0.5", StatsPrinter.percent(0.45));
        assertEquals("50.0", StatsPrinter.percent(50.0));
        assertEquals("-nan", StatsPrinter.percent(Double.NaN));
        assertEquals(1.8446744073709552E19, StatsPrinter.unsignedToDouble(-1L));
    }

    @Test
    void lineBufferedStreamCommitsThroughTheLastNewline() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputSink sink = new OutputSink(out);
        StdioStream text = StdioStream.lineBuffered(sink, 16);
        StdioStream other = StdioStream.fullyBuffered(sink, 8);
        append(text, "ab\ncd");
        append(other, "0123456789");
        // "other" committed its first block after "ab\n": that order reaches the descriptor.
        sink.drain();
        assertEquals("ab\n01234567", out.toString(StandardCharsets.ISO_8859_1));
        append(text, "0123456789abcdefXY");
        sink.drain();
        assertEquals("ab\n01234567cd0123456789abcd", out.toString(StandardCharsets.ISO_8859_1));
        text.flush();
        other.flush();
        sink.drain();
        assertEquals("ab\n01234567cd0123456789abcdefXY89", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void fullyBufferedStreamCommitsWholeBlocks() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputSink sink = new OutputSink(out);
        StdioStream s = StdioStream.fullyBuffered(sink, 4);
        append(s, "ab\n");
        sink.drain();
        assertEquals("", out.toString(StandardCharsets.ISO_8859_1));
        append(s, "cdefghij");
        sink.drain();
        assertEquals("ab\ncdefg", out.toString(StandardCharsets.ISO_8859_1));
    }

    private static void append(StdioStream s, String text) {
        int start = s.buffer().length();
        s.buffer().append(text);
        s.appended(start);
    }

    @Test
    void sectorMapAddsFindsAndRemoves() {
        SectorMap<Object> map = new SectorMap<>();
        Object[] tracks = new Object[1000];
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new Object();
            map.add(i * 64L, tracks[i]);
        }
        for (int i = 0; i < tracks.length; i += 3) {
            map.remove(i * 64L);
        }
        for (int i = 0; i < tracks.length; i++) {
            if (i % 3 == 0) {
                assertNull(map.get(i * 64L));
            } else {
                assertSame(tracks[i], map.get(i * 64L));
            }
        }
        map.remove(12345);
        assertNull(map.get(-1));
        assertEquals(tracks.length - (tracks.length + 2) / 3, map.size());
    }

    @Test
    void skipRangesMergeShrinkAndSplitLikeTheReference() {
        SkipRanges s = new SkipRanges();
        s.insert(4, 5);
        s.insert(6, 6);
        assertEquals(1, s.count());
        assertEquals(6, s.end(0));
        assertTrue(s.fill(4));
        assertEquals(5, s.start(0));
        assertTrue(s.fill(6));
        assertEquals(5, s.end(0));
        assertTrue(s.fill(5));
        assertEquals(0, s.count());
        s.insert(3, 9);
        assertTrue(s.fill(5));
        assertEquals(2, s.count());
        assertEquals(4, s.end(0));
        assertEquals(6, s.start(1));
        assertEquals(4, s.end(1));
        assertFalse(s.fill(20));
    }

    @Test
    void pathNamesFollowGlibc() {
        assertEquals(".", PathNames.dirname("sda"));
        assertEquals("sub", PathNames.dirname("sub/sda"));
        assertEquals(".", PathNames.dirname("./sda"));
        assertEquals("/", PathNames.dirname("/sda"));
        assertEquals("//", PathNames.dirname("//sda"));
        assertEquals("a/b", PathNames.dirname("a/b//c//"));
        assertEquals(".", PathNames.dirname("dir/"));
        assertEquals("sda", PathNames.basename("sub/sda"));
        assertEquals("c", PathNames.basename("a/b//c//"));
        assertEquals("/", PathNames.basename("///"));
    }

    @Test
    void processNamesKeepTheFirstRegistration() {
        ProcessTable t = new ProcessTable();
        assertNull(t.nameOf(5));
        assertEquals("unknown", t.register(5, ProcessTable.UNKNOWN));
        assertEquals("unknown", t.register(5, "late"));
        byte[] comm = "a-very-long-task-name".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("a-very-long-tas", ProcessTable.commOf(comm, 16));
        assertEquals("ab", ProcessTable.commOf(new byte[] {'a', 'b', 0, 'c'}, 4));
    }
}
