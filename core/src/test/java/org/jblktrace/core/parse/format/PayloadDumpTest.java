package org.jblktrace.core.parse.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jblktrace.core.parse.TextBuffer;
import org.junit.jupiter.api.Test;

class PayloadDumpTest {
    private static String dump(int... bytes) {
        byte[] b = new byte[bytes.length + 3]; // bytes past the length must not matter
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        b[bytes.length] = 7;
        TextBuffer out = new TextBuffer();
        PayloadDump.append(out, b, bytes.length);
        return out.toString();
    }

    @Test
    void elidesTheAllZeroTailAfterItsFirstByte() {
        assertEquals("12 00 00 00 24 00 ..", dump(0x12, 0, 0, 0, 0x24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals("00 ..", dump(0, 0, 0, 0, 0, 0));
        assertEquals("01 00 ..", dump(1, 0));
    }

    @Test
    void keepsInnerZerosAndNonZeroTails() {
        assertEquals("01 00 02", dump(1, 0, 2));
        assertEquals("ab cd ef ff", dump(0xab, 0xcd, 0xef, 0xff));
        assertEquals("", dump());
    }
}
