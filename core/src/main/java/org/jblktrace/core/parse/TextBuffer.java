package org.jblktrace.core.parse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that blkparse text is rendered into, with printf-like number
 * formatting that allocates nothing. Text is treated as single bytes, as C's stdio does.
 */
public final class TextBuffer {
    private byte[] buf;
    private int len;
    private final byte[] digits = new byte[24];

    public TextBuffer() {
        this(8192);
    }

    public TextBuffer(int capacity) {
        buf = new byte[capacity];
    }

    public int length() {
        return len;
    }

    public void clear() {
        len = 0;
    }

    /** Keeps the first {@code newLength} bytes. */
    public void truncate(int newLength) {
        len = newLength;
    }

    public byte[] array() {
        return buf;
    }

    public byte byteAt(int i) {
        return buf[i];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public TextBuffer append(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    public TextBuffer appendByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /** Appends each char as one byte (Latin-1), as C sees the bytes of a string. */
    public TextBuffer append(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    public TextBuffer append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public TextBuffer append(TextBuffer other) {
        return append(other.buf, 0, other.len);
    }

    public TextBuffer repeat(char c, int n) {
        if (n > 0) {
            ensure(n);
            Arrays.fill(buf, len, len + n, (byte) c);
            len += n;
        }
        return this;
    }

    /** {@code %Wd}/{@code %-Wd} of a signed value; {@code zeroPad} gives {@code %0Wd}. */
    public TextBuffer appendSigned(long v, int width, boolean leftAlign, boolean zeroPad) {
        // -Long.MIN_VALUE wraps to itself, whose unsigned value is the right magnitude.
        return emit(unsignedDigits(v < 0 ? -v : v), v < 0, width, leftAlign, zeroPad);
    }

    /** {@code %Wlu}/{@code %-Wlu} of an unsigned 64-bit value. */
    public TextBuffer appendUnsigned(long v, int width, boolean leftAlign, boolean zeroPad) {
        return emit(unsignedDigits(v), false, width, leftAlign, zeroPad);
    }

    /** {@code %x} of an unsigned 32-bit value (the low 32 bits of {@code v}). */
    public TextBuffer appendHex(long v) {
        int shift = 28;
        while (shift > 0 && ((v >>> shift) & 0xF) == 0) {
            shift -= 4;
        }
        ensure(8);
        for (; shift >= 0; shift -= 4) {
            buf[len++] = (byte) Character.forDigit((int) (v >>> shift) & 0xF, 16);
        }
        return this;
    }

    public TextBuffer appendSigned(long v) {
        return appendSigned(v, 0, false, false);
    }

    public TextBuffer appendUnsigned(long v) {
        return appendUnsigned(v, 0, false, false);
    }

    /** Writes the decimal digits of unsigned {@code v} at the end of {@link #digits}; returns their count. */
    private int unsignedDigits(long v) {
        int n = 0;
        if (v < 0) {
            long q = Long.divideUnsigned(v, 10);
            digits[digits.length - 1 - n++] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        do {
            digits[digits.length - 1 - n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return n;
    }

    private TextBuffer emit(int n, boolean negative, int width, boolean leftAlign, boolean zeroPad) {
        int body = n + (negative ? 1 : 0);
        int pad = Math.max(0, width - body);
        ensure(body + pad);
        if (!leftAlign && !zeroPad) {
            repeat(' ', pad);
        }
        if (negative) {
            buf[len++] = '-';
        }
        if (!leftAlign && zeroPad) {
            repeat('0', pad);
        }
        System.arraycopy(digits, digits.length - n, buf, len, n);
        len += n;
        if (leftAlign) {
            repeat(' ', pad);
        }
        return this;
    }

    /** {@code %Ws}/{@code %-Ws} of a string. */
    public TextBuffer appendPadded(CharSequence s, int width, boolean leftAlign) {
        int pad = Math.max(0, width - s.length());
        if (!leftAlign) {
            repeat(' ', pad);
        }
        append(s);
        if (leftAlign) {
            repeat(' ', pad);
        }
        return this;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }
}
