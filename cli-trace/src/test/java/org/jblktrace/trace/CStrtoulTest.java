package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CStrtoulTest {
    @Test
    void convertsLikeGlibc() {
        assertEquals(512, CStrtoul.parse("512"));
        assertEquals(16384, CStrtoul.parse(" \t+16384kib"));
        assertEquals(0, CStrtoul.parse("x1"));
        assertEquals(0, CStrtoul.parse("-0"));
        assertEquals(-1L, CStrtoul.parse("-1"));
        assertEquals(-5L, CStrtoul.parse("-5"));
        assertEquals(-1L, CStrtoul.parse("18446744073709551615"));
        assertEquals(-1L, CStrtoul.parse("18446744073709551616"));
        assertEquals(-1L, CStrtoul.parse("99999999999999999999999"));
        assertEquals(Long.MIN_VALUE, CStrtoul.parse("9223372036854775808"));
    }
}
