package org.jblktrace.core.parse.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.Test;

class RwbsTest {
    private static String rwbs(int version, int categories, int bytes) {
        TraceRecord t = Traces.event(1, 0, 0, bytes, Blk.TA_QUEUE, categories, 1);
        t.version = version;
        byte[] out = new byte[Rwbs.MAX_LENGTH];
        return new String(out, 0, Rwbs.fill(out, t), StandardCharsets.ISO_8859_1);
    }

    @Test
    void version7Letters() {
        int all = Blk.TC_FLUSH | Blk.TC_WRITE | Blk.TC_FUA | Blk.TC_SYNC | Blk.TC_META;
        assertEquals("FWFSM", rwbs(7, all, 4096));
        assertEquals("FN", rwbs(7, Blk.TC_FLUSH, 0));
        assertEquals("D", rwbs(7, Blk.TC_DISCARD | Blk.TC_WRITE, 4096));
        assertEquals("R", rwbs(7, 0, 1));
        assertEquals("N", rwbs(7, Blk.TC_READ, 0));
        assertEquals("RA", rwbs(7, Blk.TC_READ | Blk.TC_AHEAD, 512));
    }

    @Test
    void zoneCategoriesOnlyCountInVersion8() {
        assertEquals("W", rwbs(7, Blk.TC_ZONE_APPEND | Blk.TC_WRITE, 4096));
        assertEquals("ZA", rwbs(8, Blk.TC_ZONE_APPEND | Blk.TC_WRITE, 4096));
    }

    @Test
    void version8ZoneOperationsInUpstreamOrder() {
        int all = Blk.TC_ZONE_APPEND | Blk.TC_ZONE_RESET | Blk.TC_ZONE_RESET_ALL
            | Blk.TC_ZONE_FINISH | Blk.TC_ZONE_OPEN | Blk.TC_ZONE_CLOSE;
        assertEquals("ZA", rwbs(8, all, 0));
        assertEquals("ZR", rwbs(8, all & ~Blk.TC_ZONE_APPEND, 0));
        assertEquals("ZRA", rwbs(8, Blk.TC_ZONE_RESET_ALL | Blk.TC_ZONE_FINISH | Blk.TC_ZONE_OPEN | Blk.TC_ZONE_CLOSE, 0));
        assertEquals("ZF", rwbs(8, Blk.TC_ZONE_FINISH | Blk.TC_ZONE_OPEN | Blk.TC_ZONE_CLOSE, 0));
        assertEquals("ZO", rwbs(8, Blk.TC_ZONE_OPEN | Blk.TC_ZONE_CLOSE, 0));
        assertEquals("ZC", rwbs(8, Blk.TC_ZONE_CLOSE, 0));
    }

    @Test
    void version8DiscardWinsAndFlagsSurround() {
        assertEquals("D", rwbs(8, Blk.TC_DISCARD | Blk.TC_ZONE_RESET, 0));
        int longest = Blk.TC_FLUSH | Blk.TC_ZONE_RESET_ALL | Blk.TC_FUA | Blk.TC_AHEAD | Blk.TC_SYNC | Blk.TC_META;
        assertEquals("FZRAFASM", rwbs(8, longest, 0));
        assertEquals("W", rwbs(8, Blk.TC_WRITE, 0));
        assertEquals("N", rwbs(8, 0, 0));
    }
}
