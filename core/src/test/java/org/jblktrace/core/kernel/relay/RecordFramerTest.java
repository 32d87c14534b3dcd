package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordFramerTest {
    private static final byte[] TRACE = SyntheticTrace.records(40, 0, ByteOrder.nativeOrder(), true);

    /** Offsets where records start, and the total length as the last "boundary". */
    private static List<Integer> boundaries() {
        ByteBuffer buf = ByteBuffer.wrap(TRACE).order(ByteOrder.nativeOrder());
        List<Integer> ends = new ArrayList<>();
        int offset = 0;
        ends.add(0);
        while (offset < TRACE.length) {
            boolean v8 = (buf.getInt(offset) & 0xFF) == 8;
            int pdu = buf.getShort(offset + (v8 ? 50 : 46)) & 0xFFFF;
            offset += (v8 ? 64 : 48) + pdu;
            ends.add(offset);
        }
        return ends;
    }

    @Test
    void everyCutKeepsOnlyWholeRecords() {
        List<Integer> ends = boundaries();
        ByteBuffer direct = ByteBuffer.allocateDirect(TRACE.length).order(ByteOrder.nativeOrder());
        direct.put(TRACE);
        RecordFramer framer = new RecordFramer();
        for (int cut = 0; cut <= TRACE.length; cut++) {
            int expectedEnd = 0;
            int expectedRecords = 0;
            for (int i = 1; i < ends.size() && ends.get(i) <= cut; i++) {
                expectedEnd = ends.get(i);
                expectedRecords = i;
            }
            assertEquals(expectedEnd, framer.wholeRecords(direct, cut), "cut at " + cut);
            assertEquals(expectedRecords, framer.lastRecordCount(), "records before " + cut);
        }
    }

    @Test
    void streamWithVersion8RecordsIsFramedCompletely() {
        RecordFramer framer = new RecordFramer();
        ByteBuffer buf = ByteBuffer.wrap(TRACE).order(ByteOrder.nativeOrder());
        assertEquals(TRACE.length, framer.wholeRecords(buf, TRACE.length));
        assertEquals(40, framer.lastRecordCount());
    }
}
