package org.jblktrace.core.parse.format;

import org.jblktrace.core.parse.TextBuffer;

/** Hex dump of a payload (SCSI command blocks), eliding an all-zero tail as {@code 00 ..}. */
final class PayloadDump {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    private PayloadDump() {
    }

    /** Appends the dump of {@code pdu[0..len)}; nothing when {@code len} is 0. */
    static void append(TextBuffer out, byte[] pdu, int len) {
        int lastNonZero = len - 1;
        while (lastNonZero >= 0 && pdu[lastNonZero] == 0) {
            lastNonZero--;
        }
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                out.appendByte(' ');
            }
            int b = pdu[i] & 0xFF;
            out.appendByte(HEX[b >>> 4]).appendByte(HEX[b & 0xF]);
            if (i > lastNonZero) {
                out.appendByte(' ').appendByte('.').appendByte('.');
                return;
            }
        }
    }
}
