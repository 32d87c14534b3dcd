package org.jblktrace.core.parse.format;

import static org.jblktrace.core.parse.format.Traces.bigEndianLong;
import static org.jblktrace.core.parse.format.Traces.event;
import static org.jblktrace.core.parse.format.Traces.message;
import static org.jblktrace.core.parse.format.Traces.process;
import static org.jblktrace.core.parse.format.Traces.remap;
import static org.jblktrace.core.parse.format.Traces.timestamp;
import static org.jblktrace.core.parse.format.Traces.withError;
import static org.jblktrace.core.parse.format.Traces.withPdu;
import static org.jblktrace.core.record.Blk.TA_BACKMERGE;
import static org.jblktrace.core.record.Blk.TA_BOUNCE;
import static org.jblktrace.core.record.Blk.TA_COMPLETE;
import static org.jblktrace.core.record.Blk.TA_FRONTMERGE;
import static org.jblktrace.core.record.Blk.TA_GETRQ;
import static org.jblktrace.core.record.Blk.TA_INSERT;
import static org.jblktrace.core.record.Blk.TA_ISSUE;
import static org.jblktrace.core.record.Blk.TA_PLUG;
import static org.jblktrace.core.record.Blk.TA_QUEUE;
import static org.jblktrace.core.record.Blk.TA_REMAP;
import static org.jblktrace.core.record.Blk.TA_REQUEUE;
import static org.jblktrace.core.record.Blk.TA_SLEEPRQ;
import static org.jblktrace.core.record.Blk.TA_SPLIT;
import static org.jblktrace.core.record.Blk.TA_UNPLUG_IO;
import static org.jblktrace.core.record.Blk.TA_UNPLUG_TIMER;
import static org.jblktrace.core.record.Blk.TC_AHEAD;
import static org.jblktrace.core.record.Blk.TC_COMPLETE;
import static org.jblktrace.core.record.Blk.TC_DISCARD;
import static org.jblktrace.core.record.Blk.TC_FLUSH;
import static org.jblktrace.core.record.Blk.TC_FS;
import static org.jblktrace.core.record.Blk.TC_FUA;
import static org.jblktrace.core.record.Blk.TC_ISSUE;
import static org.jblktrace.core.record.Blk.TC_META;
import static org.jblktrace.core.record.Blk.TC_PC;
import static org.jblktrace.core.record.Blk.TC_QUEUE;
import static org.jblktrace.core.record.Blk.TC_READ;
import static org.jblktrace.core.record.Blk.TC_REQUEUE;
import static org.jblktrace.core.record.Blk.TC_SYNC;
import static org.jblktrace.core.record.Blk.TC_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-for-byte comparison of formatter output with /usr/bin/blkparse on the same records. */
class EventFormatterReferenceTest {
    private static final String ZONE = "America/New_York";
    private static final long BASE = 5_000_000_000L;
    private static final byte[] CDB = {0x12, 0, 0, 0, 0x24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] FULL_CDB = {0x28, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, (byte) 0xff};

    @TempDir
    Path dir;

    /** Every action letter in its default-tail variants, PC payloads, notes and messages. */
    private static List<TraceRecord> everyAction() {
        int q = TC_QUEUE | TC_FS;
        int pcRead = TC_PC | TC_READ;
        List<TraceRecord> r = new ArrayList<>();
        r.add(timestamp(1000, 1_700_000_000, 123_456_789));
        r.add(process(697, "kjournald"));
        r.add(process(1234, "dd"));
        r.add(process(77, "fifteen-chars-x"));
        r.add(event(1, BASE, 223490, 4096, TA_QUEUE, q | TC_WRITE, 697));
        r.add(event(2, BASE + 1500, 223490, 4096, TA_GETRQ, q | TC_WRITE, 697));
        r.add(event(3, BASE + 2000, 0, 0, TA_PLUG, TC_QUEUE, 697));
        r.add(event(4, BASE + 3000, 223498, 4096, TA_BACKMERGE, q | TC_WRITE, 697));
        r.add(event(5, BASE + 4000, 223490, 8192, TA_INSERT, q | TC_WRITE | TC_SYNC, 697));
        r.add(withPdu(event(6, BASE + 5000, 0, 0, TA_UNPLUG_IO, TC_QUEUE, 697), bigEndianLong(1)));
        r.add(event(7, BASE + 6000, 223490, 8192, TA_ISSUE, TC_ISSUE | TC_FS | TC_WRITE | TC_SYNC, 697));
        r.add(event(8, BASE + 12_000_000, 1000, 65536, TA_COMPLETE, TC_COMPLETE | TC_FS | TC_READ | TC_AHEAD, 0));
        r.add(message(BASE + 14_000_000, 1234, "hello world".getBytes(StandardCharsets.ISO_8859_1)));
        r.add(message(BASE + 14_000_001, 1234, "cut\0here".getBytes(StandardCharsets.ISO_8859_1)));
        r.add(message(BASE + 14_000_002, 1234, new byte[0]));
        r.add(event(9, BASE + 15_000_000, 500, 4096, TA_QUEUE, q | TC_WRITE | TC_FLUSH | TC_FUA | TC_SYNC | TC_META, 697));
        r.add(event(10, BASE + 16_000_000, 700, 1048576, TA_QUEUE, q | TC_WRITE | TC_DISCARD, 697));
        r.add(event(11, BASE + 17_000_000, 0, 0, TA_QUEUE, q | TC_FLUSH, 697));
        r.add(withPdu(event(12, BASE + 18_000_000, 0, 36, TA_ISSUE, TC_ISSUE | pcRead, 1234), CDB));
        r.add(withPdu(event(13, BASE + 19_000_000, 0, 36, TA_COMPLETE, TC_COMPLETE | pcRead, 1234), CDB));
        r.add(withPdu(event(14, BASE + 19_100_000, 0, 512, TA_INSERT, TC_QUEUE | TC_PC | TC_WRITE, 77), FULL_CDB));
        r.add(withPdu(event(15, BASE + 19_200_000, 0, 0, TA_ISSUE, TC_ISSUE | TC_PC, 77), new byte[6]));
        r.add(event(16, BASE + 19_300_000, 0, 0, TA_COMPLETE, TC_COMPLETE | TC_PC, 77));
        r.add(withPdu(event(17, BASE + 19_400_000, 0, 36, TA_QUEUE, TC_QUEUE | pcRead, 1234), CDB));
        r.add(withPdu(event(18, BASE + 19_500_000, 0, 36, TA_REQUEUE, TC_REQUEUE | pcRead, 1234), CDB));
        r.add(event(19, BASE + 19_600_000, 0, 36, TA_GETRQ, TC_QUEUE | pcRead, 1234));
        r.add(event(20, BASE + 19_700_000, 0, 36, TA_SLEEPRQ, TC_QUEUE | pcRead, 1234));
        r.add(withPdu(event(21, BASE + 20_000_000, 2048, 4096, TA_REMAP, q | TC_READ, 1234),
            remap(Blk.device(8, 1), Blk.device(253, 3), 8)));
        r.add(withPdu(event(22, BASE + 21_000_000, 2048, 8192, TA_SPLIT, TC_FS | TC_READ, 1234), bigEndianLong(2056)));
        r.add(event(23, BASE + 22_000_000, 4096, 4096, TA_BOUNCE, TC_FS | TC_READ, 1234));
        r.add(withPdu(event(24, BASE + 23_000_000, 0, 0, TA_UNPLUG_TIMER, TC_QUEUE, 0), bigEndianLong(0x1_0000_0003L)));
        r.add(event(25, BASE + 24_000_000, 4096, 4096, TA_REQUEUE, TC_REQUEUE | TC_FS | TC_READ, 1234));
        r.add(event(26, BASE + 25_000_000, 4096, 4096, TA_SLEEPRQ, q | TC_READ, 1234));
        r.add(event(27, BASE + 26_000_000, 4088, 4096, TA_FRONTMERGE, q | TC_READ, 1234));
        r.add(withError(event(28, BASE + 27_000_000, 4096, 4096, TA_COMPLETE, TC_COMPLETE | TC_FS | TC_READ, 1234), 5));
        r.add(event(29, BASE + 28_000_000, 9000, 0, TA_COMPLETE, TC_COMPLETE | TC_FS | TC_WRITE, 1234));
        r.add(event(30, BASE + 29_000_000, 9000, 0, TA_ISSUE, TC_ISSUE | TC_FS | TC_WRITE, 4242));
        r.add(event(31, BASE + 30_000_000, 9000, 511, TA_INSERT, q | TC_WRITE, 4242));
        r.add(event(32, BASE + 31_000_000, 9000, 0, TA_GETRQ, q | TC_WRITE, 1234));
        r.add(event(33, BASE + 32_000_000, 9000, 0, TA_BACKMERGE, q | TC_WRITE, 1234));
        r.add(event(34, BASE + 33_000_000, 9000, 0, TA_REQUEUE, TC_REQUEUE | TC_FS | TC_WRITE, 1234));
        r.add(event(35, BASE + 34_000_000, 9000, 0, TA_BOUNCE, TC_FS | TC_WRITE, 1234));
        return r;
    }

    /** Events whose first 8 payload bytes exist, so that %U is defined in the reference too. */
    private static List<TraceRecord> payloadIntegerEvents() {
        List<TraceRecord> r = new ArrayList<>();
        r.add(process(1234, "dd"));
        r.add(withPdu(event(1, BASE, 0, 0, TA_UNPLUG_IO, TC_QUEUE, 1234), bigEndianLong(0xFFFF_FFFF_FFFF_FFFEL)));
        r.add(withPdu(event(2, BASE + 1, 0, 0, TA_UNPLUG_TIMER, TC_QUEUE, 1234), bigEndianLong(17)));
        r.add(withPdu(event(3, BASE + 2, 2048, 8192, TA_SPLIT, TC_FS | TC_READ, 1234), bigEndianLong(2056)));
        r.add(withPdu(event(4, BASE + 3, 2048, 4096, TA_REMAP, TC_QUEUE | TC_FS, 1234),
            remap(Blk.device(8, 1), Blk.device(9, 2), 77)));
        return r;
    }

    private void assertSameAsReference(List<TraceRecord> records, String[] formats, long[] elapsed, String... args)
        throws Exception {
        assertSameAsReference(records, ZONE, formats, elapsed, args);
    }

    private void assertSameAsReference(List<TraceRecord> records, String zone, String[] formats, long[] elapsed,
                                       String... args) throws Exception {
        ReferenceRun.Output expected = ReferenceRun.blkparse(dir, records, zone, args);
        ReferenceRun.Output actual = ReferenceRun.formatter(records, formats, ZoneId.of(zone), elapsed);
        assertEquals(expected.toString(), actual.toString());
    }

    private static String[] all(String format) {
        String[] formats = new String[26];
        FormatSpecs.setAll(formats, format);
        return formats;
    }

    private static String[] spec(String... optargs) {
        String[] formats = new String[26];
        for (String optarg : optargs) {
            assertEquals(null, FormatSpecs.add(formats, optarg));
        }
        return formats;
    }

    @Test
    void defaultLinesOfEveryAction() throws Exception {
        assertSameAsReference(everyAction(), new String[26], null);
    }

    @Test
    void everyFieldWithoutWidth() throws Exception {
        String f = "%a|%c|%C|%d|%D|%e|%m|%M|%n|%N|%p|%P|%s|%S|%t|%T|%z|%q|%%|\\t|\\b|\\r|end\\n";
        assertSameAsReference(everyAction(), all(f), null, "-f", f);
    }

    @Test
    void everyFieldWithWidthAndLeftAlignment() throws Exception {
        String f = "%5a|%-5a|%3c|%-3c|%10C|%-10C|%6d|%-6d|%9D|%-9D|%4e|%-4e|%5m|%-5m|%5M|%-5M|%6n|%-6n"
            + "|%8N|%-8N|%08p|%-8p|%20P|%12s|%-12s|%22S|%-22S|%-5t|%12t|%3t|%0t|%-0t|%7T|%-7T|%18z|%-18z"
            + "|%5q|%-5q|%3%|%-%|%007a|%-05e\n";
        assertSameAsReference(everyAction(), all(f), null, "-f", f);
    }

    @Test
    void widthsWrapLikeACInt() throws Exception {
        String f = "%4294967301a|%-4294967301a|%4294967295a|%4294967298p|%4294967291t\n";
        assertSameAsReference(everyAction(), all(f), null, "-f", f);
    }

    @Test
    void percentOrFieldPrefixAtTheEnd() throws Exception {
        assertSameAsReference(everyAction(), spec("Q,<%a>%", "D,<%a>%-", "C,<%a>%12", "G,<%a>%-7\n"), null,
            "-F", "Q,<%a>%", "-F", "D,<%a>%-", "-F", "C,<%a>%12", "-F", "G,<%a>%-7\n");
    }

    @Test
    void payloadIntegerField() throws Exception {
        String[] formats = spec("U,%a %U|%12U|%-12U|%d\\n", "X,%a %U %-3U|\\n", "A,%a %D %M %m %S %U\\n");
        assertSameAsReference(payloadIntegerEvents(), formats, null,
            "-F", "U,%a %U|%12U|%-12U|%d\\n", "-F", "X,%a %U %-3U|\\n", "-F", "A,%a %D %M %m %S %U\\n");
    }

    @Test
    void defaultUnplugSplitAndRemapLines() throws Exception {
        assertSameAsReference(payloadIntegerEvents(), new String[26], null);
    }

    @Test
    void specificFormatsWinOverTheGeneralOneInAnyOrder() throws Exception {
        String[] formats = new String[26];
        FormatSpecs.setAll(formats, "first %a\\n");
        FormatSpecs.setAll(formats, "second %a\\n");
        assertEquals(null, FormatSpecs.add(formats, "Q,queue %a %S\\n"));
        assertEquals(null, FormatSpecs.add(formats, "T,never\\n"));
        assertSameAsReference(everyAction(), formats, null,
            "-f", "first %a\\n", "-F", "T,never\\n", "-f", "second %a\\n", "-F", "Q,queue %a %S\\n");
    }

    @Test
    void trackedElapsedTimes() throws Exception {
        List<TraceRecord> r = new ArrayList<>();
        r.add(process(10, "fio"));
        int q = TC_QUEUE | TC_FS | TC_WRITE;
        r.add(event(1, BASE, 100, 4096, TA_QUEUE, q, 10));
        r.add(event(2, BASE + 100, 100, 4096, TA_GETRQ, q, 10));
        r.add(event(3, BASE + 350, 100, 4096, TA_INSERT, q, 10));
        r.add(event(4, BASE + 1000, 100, 4096, TA_ISSUE, TC_ISSUE | TC_FS | TC_WRITE, 10));
        r.add(event(5, BASE + 123_456_789_000L, 100, 4096, TA_COMPLETE, TC_COMPLETE | TC_FS | TC_WRITE, 10));
        r.add(event(6, BASE + 200_000_000_000L, 200, 0, TA_GETRQ, q, 10));
        r.add(event(7, BASE + 200_000_000_007L, 200, 0, TA_INSERT, q, 10));
        r.add(event(8, BASE + 200_000_000_070L, 200, 0, TA_ISSUE, TC_ISSUE | TC_FS | TC_WRITE, 10));
        r.add(event(9, BASE + 200_000_000_700L, 200, 0, TA_COMPLETE, TC_COMPLETE | TC_FS | TC_WRITE, 10));
        long[] elapsed = {-1, -1, -1, 250, 650, 123_456_788_000L, -1, 7, 63, 630};
        assertSameAsReference(r, new String[26], elapsed, "-t");
        String[] formats = spec("I,%a %u %5u %-5u|\\n", "D,%a %u\\n", "C,%a %u %S\\n");
        assertSameAsReference(r, formats, elapsed, "-t",
            "-F", "I,%a %u %5u %-5u|\\n", "-F", "D,%a %u\\n", "-F", "C,%a %u %S\\n");
    }

    @Test
    void elapsedFieldWithoutTrackingStopsWithStatusOne() throws Exception {
        assertSameAsReference(everyAction(), all("ab %a %u\\n"), null, "-f", "ab %a %u\\n");
    }

    @Test
    void invalidEscapesStopWithStatusOne() throws Exception {
        assertSameAsReference(everyAction(), all("%a\\n%S\\q"), null, "-f", "%a\\n%S\\q");
        assertSameAsReference(everyAction(), all("%a\\"), null, "-f", "%a\\");
    }

    @Test
    void wallClockFollowsTheZoneAcrossTransitions() throws Exception {
        // 2024-03-10 06:00:00 UTC, one hour before New York switches to daylight time.
        long start = 1_710_050_400L;
        List<TraceRecord> r = new ArrayList<>();
        r.add(timestamp(1, (int) start, 999_999_000));
        long[] offsets = {0, 3_599_999_999_999L, 3_600_000_000_000L, 3_600_000_001_000L, 200L * 86_400_000_000_000L};
        int seq = 1;
        for (long offset : offsets) {
            r.add(event(seq++, BASE + offset, 8, 4096, TA_QUEUE, TC_QUEUE | TC_FS, 1));
        }
        r.add(event(seq, BASE - 5, 8, 4096, TA_QUEUE, TC_QUEUE | TC_FS, 1));
        String f = "%T.%t %z|%20z|\\n";
        for (String zone : new String[] {ZONE, "UTC", "Asia/Kolkata", "Australia/Lord_Howe"}) {
            assertSameAsReference(r, zone, all(f), null, "-f", f);
        }
    }

    @Test
    void wallClockNanosecondsCarryOnlyOnce() throws Exception {
        List<TraceRecord> r = new ArrayList<>();
        r.add(timestamp(1, 1_700_000_000, -294_967_296)); // 4e9 ns as an unsigned 32-bit value
        r.add(event(1, BASE, 8, 4096, TA_QUEUE, TC_QUEUE | TC_FS, 1));
        r.add(event(2, BASE + 999_999_999, 8, 4096, TA_QUEUE, TC_QUEUE | TC_FS, 1));
        assertSameAsReference(r, "UTC", all("%z\\n"), null, "-f", "%z\\n");
    }

    @Test
    void hugeValuesAndSignedness() throws Exception {
        List<TraceRecord> r = new ArrayList<>();
        TraceRecord first = event(0x8000_0000, 10, -1L, -1, TA_QUEUE, TC_QUEUE | TC_FS | TC_WRITE, -1);
        first.device = Blk.device(4095, 0xFFFFF);
        r.add(first);
        r.add(event(0xFFFF_FFFF, 5, 1L << 63, 0x7FFF_FFFF, TA_QUEUE, TC_QUEUE | TC_FS, 123_456_789));
        r.add(withError(event(123_456_789, 10, 77, 512, TA_COMPLETE, TC_COMPLETE | TC_FS, 1), 65535));
        r.add(event(-2, 11, 78, 512, TA_ISSUE, TC_ISSUE | TC_FS, 1));
        assertSameAsReference(r, "UTC", new String[26], null);
        String f = "%s %T.%t %p %M %m %S %N %n %e %D %c %z\\n";
        assertSameAsReference(r, "UTC", all(f), null, "-f", f);
    }
}
