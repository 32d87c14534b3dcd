package org.jblktrace.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RecordLayoutTest {
    @Test
    void theKernelHeadersOffsetsPerVersion() {
        // blk_io_trace: magic sequence time sector bytes action pid device cpu error pdu_len.
        assertEquals(48, RecordLayout.V7.headerSize);
        assertEquals(28, RecordLayout.V7.actionOffset);
        assertEquals(32, RecordLayout.V7.pidOffset);
        assertEquals(36, RecordLayout.V7.deviceOffset);
        assertEquals(40, RecordLayout.V7.cpuOffset);
        assertEquals(44, RecordLayout.V7.errorOffset);
        assertEquals(46, RecordLayout.V7.pduLenOffset);
        // blk_io_trace2: ... bytes pid action(64) device cpu error pdu_len pad[12].
        assertEquals(64, RecordLayout.V8.headerSize);
        assertEquals(28, RecordLayout.V8.pidOffset);
        assertEquals(32, RecordLayout.V8.actionOffset);
        assertEquals(40, RecordLayout.V8.deviceOffset);
        assertEquals(44, RecordLayout.V8.cpuOffset);
        assertEquals(48, RecordLayout.V8.errorOffset);
        assertEquals(50, RecordLayout.V8.pduLenOffset);
    }

    @Test
    void magicWordsNameTheirLayout() {
        assertEquals(RecordLayout.V7, RecordLayout.ofMagic(0x65617407));
        assertEquals(RecordLayout.V8, RecordLayout.ofMagic(0x65617408));
        assertNull(RecordLayout.ofMagic(0x65617409));
        assertNull(RecordLayout.ofMagic(0x12345607));
    }

    @Test
    void aHeaderWrittenIsReadBackFieldByField() {
        for (RecordLayout layout : RecordLayout.values()) {
            ByteBuffer buf = ByteBuffer.allocate(80).order(ByteOrder.BIG_ENDIAN);
            buf.put(0, new byte[80]);
            long action = Blk.action(Blk.TA_COMPLETE, Blk.TC_COMPLETE | Blk.TC_WRITE | Blk.TC_ZONE_APPEND);
            layout.putHeader(buf, 8, 5, 6, 7, 8, action, 9, 10, 11, 12, 13);
            assertEquals(layout.magic(), buf.getInt(8));
            assertEquals(layout.wideAction ? action : action & 0xFFFFFFFFL, layout.action(buf, 8));
            assertEquals(9, layout.pid(buf, 8));
            assertEquals(10, layout.device(buf, 8));
            assertEquals(11, layout.cpu(buf, 8));
            assertEquals(12, layout.error(buf, 8));
            assertEquals(13, layout.pduLen(buf, 8));
            assertEquals(layout.headerSize + 13, layout.recordLength(buf, 8));
            assertFalse(layout.isNote(buf, 8));
            layout.putAction(buf, 8, Blk.notifyAction(Blk.TN_PROCESS));
            assertTrue(layout.isNote(buf, 8));
        }
    }
}
