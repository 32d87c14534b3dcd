package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceSetupBlockTest {
    @Test
    void fieldsSitAtTheLp64Offsets() {
        ByteBuffer block = TraceSetupBlock.V1.encode(0x1234, 0x00080000, 4, 0x1122334455667788L, 0x0102030405060708L,
                4321);
        ByteBuffer expected = ByteBuffer.allocate(72).order(ByteOrder.nativeOrder());
        expected.putShort(32, (short) 0x1234);
        expected.putInt(36, 0x00080000);
        expected.putInt(40, 4);
        expected.putLong(48, 0x1122334455667788L);
        expected.putLong(56, 0x0102030405060708L);
        expected.putInt(64, 4321);
        assertEquals(72, block.capacity());
        assertEquals(expected, block.rewind());
    }

    @Test
    void version2FieldsSitWhereLinux619PutsThem() {
        ByteBuffer block = TraceSetupBlock.V2.encode(0x7FFFFFL, 0x00080000, 4, 0x1122334455667788L, 0x0102030405060708L,
                4321);
        ByteBuffer expected = ByteBuffer.allocate(192).order(ByteOrder.nativeOrder());
        expected.putLong(64, 0x7FFFFFL);
        expected.putInt(72, 0x00080000);
        expected.putInt(76, 4);
        expected.putLong(80, 0x1122334455667788L);
        expected.putLong(88, 0x0102030405060708L);
        expected.putInt(96, 4321);
        assertEquals(192, block.capacity());
        assertEquals(expected, block.rewind());
    }

    @Test
    void version2NamesMayBeSixtyFourBytes() {
        ByteBuffer block = TraceSetupBlock.V2.encode(0, 4096, 4, 0, 0, 0);
        byte[] full = "x".repeat(64).getBytes(StandardCharsets.US_ASCII);
        block.put(0, full);
        assertEquals("x".repeat(64), TraceSetupBlock.V2.name(block));
        assertEquals(TraceSetupBlock.V2, TraceSetupBlock.forVersion(8));
        assertEquals(TraceSetupBlock.V1, TraceSetupBlock.forVersion(7));
    }

    @Test
    void nameStopsAtTheFirstNul() {
        ByteBuffer block = TraceSetupBlock.V1.encode(0xFFFF, 4096, 4, 0, 0, 0);
        block.put(0, "nvme0n1p2".getBytes(StandardCharsets.US_ASCII));
        block.put(20, (byte) 'x');
        assertEquals("nvme0n1p2", TraceSetupBlock.V1.name(block));
    }

    @Test
    void nameMayFillAllThirtyTwoBytes() {
        ByteBuffer block = TraceSetupBlock.V1.encode(0xFFFF, 4096, 4, 0, 0, 0);
        byte[] full = "abcdefghijklmnopqrstuvwxyz012345".getBytes(StandardCharsets.US_ASCII);
        block.put(0, full);
        assertEquals("abcdefghijklmnopqrstuvwxyz012345", TraceSetupBlock.V1.name(block));
    }

    @Test
    void pageSizeComesFromTheSystem() {
        int pageSize = RelayTrace.pageSize();
        assertEquals(0, pageSize & (pageSize - 1), "not a power of two: " + pageSize);
        assertEquals(true, pageSize >= 4096);
    }

    @Test
    void ioctlNumbersMatchTheKernelHeaders() {
        assertEquals(0xC0481273L, TraceSetupBlock.V1.request);
        assertEquals(0xC0C0128EL, TraceSetupBlock.V2.request);
        assertEquals(0x1274L, TraceIoctl.START);
        assertEquals(0x1275L, TraceIoctl.STOP);
        assertEquals(0x1276L, TraceIoctl.TEARDOWN);
    }
}
