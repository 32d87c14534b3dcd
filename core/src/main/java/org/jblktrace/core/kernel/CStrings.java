package org.jblktrace.core.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Text in kernel structs. Public only because the relay and module packages share it. */
public final class CStrings {
    private CStrings() {
    }

    /**
     * The UTF-8 text of a fixed-size {@code char} array field that the kernel filled: up to the
     * first NUL, or the whole field when it has none.
     */
    public static String fromField(ByteBuffer struct, int offset, int size) {
        int length = 0;
        while (length < size && struct.get(offset + length) != 0) {
            length++;
        }
        byte[] text = new byte[length];
        struct.get(offset, text);
        return new String(text, StandardCharsets.UTF_8);
    }
}
