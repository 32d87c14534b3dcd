package org.jblktrace.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CStringsTest {
    private static ByteBuffer struct(String before, String field, int fieldSize) {
        ByteBuffer struct = ByteBuffer.allocate(before.length() + fieldSize + 4);
        struct.put(before.getBytes(StandardCharsets.US_ASCII));
        struct.put(field.getBytes(StandardCharsets.UTF_8));
        struct.position(before.length() + fieldSize).put("tail".getBytes(StandardCharsets.US_ASCII));
        return struct.clear();
    }

    @Test
    void textEndsAtTheFirstNul() {
        assertEquals("sdb1", CStrings.fromField(struct("xxxx", "sdb1\0junk", 16), 4, 16));
        assertEquals("", CStrings.fromField(struct("xxxx", "", 16), 4, 16));
    }

    @Test
    void aFullFieldWithoutNulStopsAtTheFieldEnd() {
        assertEquals("nvme0n1p", CStrings.fromField(struct("", "nvme0n1p", 8), 0, 8));
    }

    @Test
    void textIsUtf8() {
        assertEquals("disk\u00e9", CStrings.fromField(struct("", "disk\u00e9", 8), 0, 8));
    }
}
