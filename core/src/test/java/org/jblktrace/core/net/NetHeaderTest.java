package org.jblktrace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NetHeaderTest {
    private static NetHeader sample() {
        NetHeader h = new NetHeader();
        h.name = "nvme0n1";
        h.cpu = 3;
        h.maxCpus = 8;
        h.len = 0x12345;
        h.clientId = 4242;
        h.bufSize = 512 * 1024;
        h.bufNr = 4;
        h.pageSize = 4096;
        return h;
    }

    @Test
    void fieldsSitAtTheCOffsetsInEitherByteOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer buf = ByteBuffer.allocate(NetHeader.SIZE).order(order);
            sample().encode(buf);
            assertEquals(NetHeader.SIZE, buf.position());
            assertEquals(0x65617400, buf.getInt(0));
            byte[] name = new byte[32];
            buf.get(4, name);
            assertEquals("nvme0n1", new String(name, 0, 7, StandardCharsets.US_ASCII));
            for (int i = 7; i < 32; i++) {
                assertEquals(0, name[i]);
            }
            assertEquals(3, buf.getInt(36));
            assertEquals(8, buf.getInt(40));
            assertEquals(0x12345, buf.getInt(44));
            assertEquals(4242, buf.getInt(48));
            assertEquals(512 * 1024, buf.getInt(52));
            assertEquals(4, buf.getInt(56));
            assertEquals(4096, buf.getInt(60));
        }
    }

    @Test
    void byteOrderIsDetectedFromTheMagicAndDecodingRoundTrips() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer buf = ByteBuffer.allocate(NetHeader.SIZE).order(order);
            sample().encode(buf);
            buf.flip();
            ByteBuffer received = ByteBuffer.wrap(buf.array());
            assertEquals(order, NetHeader.detectOrder(received));
            NetHeader decoded = new NetHeader();
            decoded.decode(received.order(order));
            assertTrue(decoded.hasMagic());
            assertEquals("nvme0n1", decoded.name);
            assertEquals(3, decoded.cpu);
            assertEquals(8, decoded.maxCpus);
            assertEquals(0x12345, decoded.len);
            assertEquals(4242, decoded.clientId);
            assertEquals(512 * 1024, decoded.bufSize);
            assertEquals(4, decoded.bufNr);
            assertEquals(4096, decoded.pageSize);
        }
    }

    @Test
    void versionByteOfTheMagicIsIgnoredButOtherMagicIsRejected() {
        ByteBuffer buf = ByteBuffer.allocate(NetHeader.SIZE).order(ByteOrder.BIG_ENDIAN);
        buf.putInt(0, 0x65617407);
        assertEquals(ByteOrder.BIG_ENDIAN, NetHeader.detectOrder(buf));
        buf.putInt(0, 0x12345678);
        assertNull(NetHeader.detectOrder(buf));
        NetHeader h = new NetHeader();
        h.decode(buf);
        assertFalse(h.hasMagic());
    }

    @Test
    void namesAreCutToThirtyOneBytesAndNulTerminated() {
        NetHeader h = sample();
        h.name = "a-device-name-that-is-longer-than-32-bytes";
        ByteBuffer buf = ByteBuffer.allocate(NetHeader.SIZE);
        h.encode(buf);
        assertEquals(0, buf.get(4 + 31));
        buf.flip();
        NetHeader decoded = new NetHeader();
        decoded.decode(buf);
        assertEquals("a-device-name-that-is-longer-th", decoded.name);
        assertEquals(3, decoded.cpu);
    }
}
