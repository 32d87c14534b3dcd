package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jblktrace.core.record.RecordLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        RecordFramer framer = new RecordFramer(RecordLayout.V7);
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
        RecordFramer framer = new RecordFramer(RecordLayout.V7);
        ByteBuffer buf = ByteBuffer.wrap(TRACE).order(ByteOrder.nativeOrder());
        assertEquals(TRACE.length, framer.wholeRecords(buf, TRACE.length));
        assertEquals(40, framer.lastRecordCount());
    }

    @Test
    void framedRecordsAreCountedAndAnotherVersionIsNamedOnce() {
        byte[] sevens = SyntheticTrace.records(20, 0, ByteOrder.nativeOrder(), false);
        RecordFramer framer = new RecordFramer(RecordLayout.V7);
        assertEquals(sevens.length, framer.wholeRecords(ByteBuffer.wrap(sevens).order(ByteOrder.nativeOrder()),
                sevens.length));
        assertEquals(20, framer.events());
        assertEquals(null, framer.problem());

        RecordFramer mixed = new RecordFramer(RecordLayout.V7);
        mixed.wholeRecords(ByteBuffer.wrap(TRACE).order(ByteOrder.nativeOrder()), TRACE.length);
        assertEquals(40, mixed.records());
        int firstVersion8 = boundaries().get(3);
        assertEquals("a version 8 record near byte " + firstVersion8 + " where version 7 records were expected",
                mixed.problem());
    }

    @Test
    void aFileCutInsideARecordEndsAtItsLastWholeRecord(@TempDir Path dir) throws Exception {
        List<Integer> ends = boundaries();
        // Larger than the one-megabyte chunks the file is read in, so that a record spans two.
        byte[] big = SyntheticTrace.records(30_000, 0, ByteOrder.nativeOrder(), true);
        int lastEnd = ends.get(ends.size() - 1);
        for (int cut : new int[] {0, 30, ends.get(1), ends.get(1) + 1, ends.get(5) + 47, lastEnd - 1, lastEnd}) {
            assertEquals(wholeBefore(ends, cut), wholeRecordsEnd(dir, Arrays.copyOf(TRACE, cut)), "cut at " + cut);
        }
        assertEquals(big.length, wholeRecordsEnd(dir, big));
        assertEquals(big.length, wholeRecordsEnd(dir, Arrays.copyOf(big, big.length + 40)));
    }

    private static int wholeBefore(List<Integer> ends, int cut) {
        int end = 0;
        for (int boundary : ends) {
            if (boundary <= cut) {
                end = boundary;
            }
        }
        return end;
    }

    private static long wholeRecordsEnd(Path dir, byte[] content) throws Exception {
        Path file = Files.write(dir.resolve("trace"), content);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return RecordFramer.wholeRecordsEnd(channel);
        }
    }
}
