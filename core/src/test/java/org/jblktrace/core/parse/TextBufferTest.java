package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextBufferTest {
    private static String s(TextBuffer b) {
        return b.toString();
    }

    @Test
    void formatsLikePrintf() {
        for (long v : new long[] {0, 7, -7, 123456789, -123456789, Long.MAX_VALUE, Long.MIN_VALUE}) {
            for (int w : new int[] {0, 1, 5, 12, 25}) {
                assertEquals(String.format("%" + (w == 0 ? "" : w) + "d", v), s(new TextBuffer().appendSigned(v, w, false, false)));
                if (w > 0) {
                    assertEquals(String.format("%-" + w + "d", v), s(new TextBuffer().appendSigned(v, w, true, false)));
                    assertEquals(String.format("%0" + w + "d", v), s(new TextBuffer().appendSigned(v, w, false, true)));
                }
            }
        }
    }

    @Test
    void unsignedCoversTheTopBit() {
        assertEquals("18446744073709551611", s(new TextBuffer().appendUnsigned(-5L)));
        assertEquals("000000042", s(new TextBuffer().appendUnsigned(42, 9, false, true)));
        assertEquals("42   |", s(new TextBuffer().appendUnsigned(42, 5, true, false).append('|')));
    }

    @Test
    void padsStrings() {
        assertEquals("   ab", s(new TextBuffer().appendPadded("ab", 5, false)));
        assertEquals("ab   ", s(new TextBuffer().appendPadded("ab", 5, true)));
        assertEquals("abcdef", s(new TextBuffer().appendPadded("abcdef", 3, false)));
    }
}
