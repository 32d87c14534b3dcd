package org.jblktrace.core.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    private static TraceRecord sample(int version) {
        TraceRecord r = new TraceRecord();
        r.version = version;
        r.sequence = 0x80000001;
        r.time = -5L;
        r.sector = 0x123456789AL;
        r.bytes = 4096;
        r.action = Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE | Blk.TC_FS);
        r.pid = 697;
        r.device = Blk.device(8, 0);
        r.cpu = 1;
        r.error = 0xFFFF;
        r.setPdu(new byte[] {1, 2, 3});
        return r;
    }

    @Test
    void version7LayoutMatchesTheSpecOffsets() {
        byte[] b = RecordCodec.toBytes(sample(7), ByteOrder.LITTLE_ENDIAN);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(51, b.length);
        assertEquals(0x65617407, buf.getInt(0));
        assertEquals(4096, buf.getInt(24));
        assertEquals(0x01120001, buf.getInt(28));
        assertEquals(697, buf.getInt(32));
        assertEquals(8 << 20, buf.getInt(36));
        assertEquals(3, buf.getShort(46));
    }

    @Test
    void version8PutsPidBeforeA64BitAction() {
        TraceRecord r = sample(8);
        r.action |= (long) Blk.TC_ZONE_APPEND << Blk.TC_SHIFT;
        byte[] b = RecordCodec.toBytes(r, ByteOrder.LITTLE_ENDIAN);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(67, b.length);
        assertEquals(0x65617408, buf.getInt(0));
        assertEquals(697, buf.getInt(28));
        assertEquals(0x0000000101120001L, buf.getLong(32));
        assertEquals(3, buf.getShort(50));
    }

    @Test
    void roundTripsInBothByteOrders() {
        for (int version : new int[] {7, 8}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                TraceRecord in = sample(version);
                ByteBuffer buf = ByteBuffer.wrap(RecordCodec.toBytes(in, order)).order(order);
                ByteOrder detected = RecordCodec.detectOrder(ByteBuffer.wrap(buf.array()).order(ByteOrder.nativeOrder()).getInt(0));
                assertEquals(order, detected);
                TraceRecord out = new TraceRecord();
                RecordCodec.decodeHeader(buf, version, out);
                assertEquals(in.toString(), out.toString());
                byte[] pdu = new byte[out.pduLen];
                buf.get(pdu);
                assertArrayEquals(in.pduBytes(), pdu);
            }
        }
    }

    @Test
    void rejectsWordsWithoutMagic() {
        assertNull(RecordCodec.detectOrder(0x12345678));
    }

    @Test
    void payloadIntegerIsBigEndianTruncatedAndZeroFilled() {
        TraceRecord r = new TraceRecord();
        r.setPdu(new byte[] {0, 0, 0, 1, 0, 0, 0, 3});
        assertEquals(3, RecordCodec.payloadInteger(r));
        r.setPdu(new byte[] {0, 0, 0, 0, 0, 0, 1});
        assertEquals(256, RecordCodec.payloadInteger(r));
    }
}
