package org.jblktrace.core.parse.format;

import static org.jblktrace.core.parse.format.Traces.bigEndianLong;
import static org.jblktrace.core.parse.format.Traces.event;
import static org.jblktrace.core.parse.format.Traces.withPdu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.TextBuffer;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.Test;

class EventFormatterTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static EventFormatter formatter(String[] formats) {
        return new EventFormatter(formats, pid -> pid == 42 ? "zbd" : null, false, UTC);
    }

    private static String[] all(String format) {
        String[] formats = new String[26];
        FormatSpecs.setAll(formats, format);
        return formats;
    }

    private static String line(EventFormatter f, String act, TraceRecord t, long elapsed, boolean pduShown) {
        TextBuffer out = new TextBuffer();
        f.format(out, act, t, 3, elapsed, pduShown);
        return out.toString();
    }

    private static TraceRecord v8(int code, int categories, int bytes) {
        TraceRecord t = event(9, 1_500_000_000L, 4096, bytes, code, categories, 42);
        t.version = Blk.VERSION_8;
        return t;
    }

    @Test
    void version8ZoneActionsUseThePlugAndUnplugTails() {
        EventFormatter f = formatter(new String[26]);
        assertEquals("  8,0    3        9     1.500000000    42 ZP   N [zbd]\n",
            line(f, "ZP", v8(Blk.TA_ZONE_PLUG, Blk.TC_QUEUE, 0), -1, false));
        assertEquals("  8,0    3        9     1.500000000    42 ZU   N [zbd] 5\n",
            line(f, "ZU", withPdu(v8(Blk.TA_ZONE_UNPLUG, Blk.TC_QUEUE, 0), bigEndianLong(5)), -1, false));
        assertEquals("  8,0    3        9     1.500000000    42 ZM ZRA [zbd]\n",
            line(f, "ZM", v8(Blk.TA_ZONE_MGMT, Blk.TC_ZONE_RESET_ALL, 0), -1, false));
        assertEquals("  8,0    3        9     1.500000000    42  Q ZAF 4096 + 8 [zbd]\n",
            line(f, "Q", v8(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_FS | Blk.TC_ZONE_APPEND | Blk.TC_FUA, 4096), -1, false));
    }

    @Test
    void zoneActionsIgnoreCustomFormats() {
        EventFormatter f = formatter(all("custom %d\\n"));
        assertEquals("custom ZC\n", line(f, "Q", v8(Blk.TA_QUEUE, Blk.TC_ZONE_CLOSE, 0), -1, false));
        assertEquals("  8,0    3        9     1.500000000    42 ZM  ZO [zbd]\n",
            line(f, "ZM", v8(Blk.TA_ZONE_MGMT, Blk.TC_ZONE_OPEN, 0), -1, false));
    }

    @Test
    void defaultRemapLineRewritesTheDeviceButCustomFormatsDoNot() {
        byte[] pdu = Traces.remap(Blk.device(8, 1), Blk.device(253, 7), 99);
        TraceRecord t = withPdu(event(1, 0, 10, 1024, Blk.TA_REMAP, Blk.TC_QUEUE, 42), pdu);
        assertEquals("253,7    3        1     0.000000000    42  A   R 10 + 2 <- (8,1) 99\n",
            line(formatter(new String[26]), "A", t, -1, false));
        assertEquals(Blk.device(253, 7), t.device);

        TraceRecord u = withPdu(event(1, 0, 10, 1024, Blk.TA_REMAP, Blk.TC_QUEUE, 42), pdu);
        assertEquals("8,0\n", line(formatter(all("%M,%m\\n")), "A", u, -1, false));
        assertEquals(Traces.DEV_8_0, u.device);
    }

    @Test
    void elapsedFieldNeedsAValueAndKeepsTheTextBeforeIt() {
        EventFormatter f = formatter(all("%a took %u us\\n"));
        TraceRecord t = event(1, 0, 10, 1024, Blk.TA_COMPLETE, Blk.TC_COMPLETE | Blk.TC_FS, 42);
        assertEquals("C took 12 us\n", line(f, "C", t, 12_999, false));
        assertEquals("C took 18446744073709551 us\n", line(f, "C", t, -2, false));
        TextBuffer out = new TextBuffer();
        BlkparseExit e = assertThrows(BlkparseExit.class, () -> f.format(out, "C", t, 0, -1, false));
        assertEquals("Expecting elapsed value", e.getMessage());
        assertEquals(1, e.status);
        assertEquals("C took ", out.toString());
    }

    @Test
    void backslashAtTheEndReportsANulCharacter() {
        TextBuffer out = new TextBuffer();
        TraceRecord t = event(1, 0, 10, 1024, Blk.TA_QUEUE, Blk.TC_QUEUE, 42);
        BlkparseExit e = assertThrows(BlkparseExit.class, () -> formatter(all("x\\")).format(out, "Q", t, 0, -1, false));
        assertEquals("Invalid escape char in format \0", e.getMessage());
        assertEquals("x", out.toString());
    }

    @Test
    void formatsAreReadOnceAtConstruction() {
        String[] formats = all("first\\n");
        EventFormatter f = formatter(formats);
        formats['Q' - 'A'] = "second\\n";
        assertEquals("first\n", line(f, "Q", event(1, 0, 0, 0, Blk.TA_QUEUE, Blk.TC_QUEUE, 1), -1, false));
    }

    @Test
    void messagesIgnoreFormatsAndPrintNothingWithoutText() {
        EventFormatter f = formatter(all("custom\\n"));
        TraceRecord m = Traces.message(2_000_000_003L, 42, "zone full".getBytes(StandardCharsets.ISO_8859_1));
        m.device = Blk.device(259, 1);
        TextBuffer out = new TextBuffer();
        f.formatMessage(out, m, 1, false);
        assertEquals("259,1    1        0     2.000000003     0  m   N zone full\n", out.toString());
        out.clear();
        f.formatMessage(out, Traces.message(0, 42, new byte[0]), 1, false);
        assertEquals("", out.toString());
    }

    @Test
    void wallClockStartsAtTheEpochWithoutABase() {
        EventFormatter f = formatter(all("%z\\n"));
        TraceRecord t = event(1, 3_723_000_456_789L, 0, 0, Blk.TA_QUEUE, Blk.TC_QUEUE, 1);
        assertEquals("01:02:03.000456\n", line(f, "Q", t, -1, false));
        f.setWallClockBase(86_399, 999_999_999);
        assertEquals("01:02:03.000456\n", line(f, "Q", t, -1, false));
    }

    /** The engine calls format() per event: after warm-up it must not allocate at all. */
    @Test
    void formattingDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        EventFormatter plain = formatter(new String[26]);
        EventFormatter custom = formatter(all("%D %2c %8s %5T.%9t %5p %2a %3d %C %S %n %N %e %M %m %U %P %u %z %q\\n"));
        custom.setWallClockBase(1_700_000_000L, 5);
        TraceRecord[] events = {
            event(7, 1_234_567_890_123L, 223490, 8192, Blk.TA_ISSUE, Blk.TC_ISSUE | Blk.TC_FS | Blk.TC_WRITE, 42),
            event(8, 1_234_567_890_124L, 223490, 8192, Blk.TA_COMPLETE, Blk.TC_COMPLETE | Blk.TC_FS, 7),
            withPdu(event(9, 1_234_567_890_125L, 0, 0, Blk.TA_UNPLUG_IO, Blk.TC_QUEUE, 42), bigEndianLong(3)),
        };
        String[] acts = {"D", "C", "U"};
        TextBuffer out = new TextBuffer(1 << 16);
        long allocated = 0;
        for (int round = 0; round < 2; round++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 100_000; i++) {
                out.clear();
                int k = i % 3;
                plain.format(out, acts[k], events[k], 1, k == 0 ? 1500 : -1, false);
                custom.format(out, acts[k], events[k], 1, 2500, true);
            }
            allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        assertTrue(allocated < 1024, allocated + " bytes allocated for 200000 lines");
    }
}
