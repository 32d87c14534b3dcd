package org.jblktrace.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.record.RecordLayout;
import org.junit.jupiter.api.Test;

class TimeOrderedWriterTest {
    private static final long HOLD = 500;

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private long now;
    private final TimeOrderedWriter writer =
        new TimeOrderedWriter(Channels.newChannel(written), HOLD, 1 << 20, () -> now);

    /** Records of one CPU with these times; the v8 ones carry a payload of {@code pdu} bytes. */
    private static ByteBuffer records(RecordLayout layout, int cpu, int pdu, long... times) {
        ByteBuffer buffer = ByteBuffer.allocate(times.length * (layout.headerSize + pdu)).order(ByteOrder.nativeOrder());
        for (long time : times) {
            int at = buffer.position();
            layout.putHeader(buffer, at, 1, time, 0, 0, 0, 0, 0, cpu, 0, pdu);
            buffer.position(at + layout.headerSize + pdu);
        }
        return buffer.flip();
    }

    /** The (cpu, time) pairs written so far, in order. */
    private List<String> writtenRecords() {
        ByteBuffer out = ByteBuffer.wrap(written.toByteArray()).order(ByteOrder.nativeOrder());
        List<String> seen = new ArrayList<>();
        while (out.hasRemaining()) {
            RecordLayout layout = RecordLayout.ofMagic(out.getInt(out.position()));
            seen.add(layout.cpu(out, out.position()) + "@" + out.getLong(out.position() + RecordLayout.TIME_OFFSET));
            out.position(out.position() + layout.recordLength(out, out.position()));
        }
        return seen;
    }

    @Test
    void anOlderBatchArrivingLaterGoesFirst() throws Exception {
        writer.add(0, records(RecordLayout.V7, 0, 0, 20, 30));
        now = 100;
        writer.add(1, records(RecordLayout.V7, 1, 0, 10, 25));
        assertEquals(List.of(), writtenRecords());
        now = HOLD;
        writer.releaseDue();
        // Only cpu 0's batch has waited its time, and cpu 1's older record must precede it.
        assertEquals(List.of(), writtenRecords());
        now = HOLD + 100;
        writer.releaseDue();
        assertEquals(List.of("1@10", "0@20", "1@25", "0@30"), writtenRecords());
        assertEquals(0, writer.heldBytes());
    }

    @Test
    void recordsThatHaveWaitedGoOutWithoutTheRest() throws Exception {
        writer.add(0, records(RecordLayout.V8, 0, 8, 10, 40));
        now = HOLD;
        writer.add(1, records(RecordLayout.V8, 1, 0, 50));
        assertEquals(List.of("0@10", "0@40"), writtenRecords());
        writer.releaseAll();
        assertEquals(List.of("0@10", "0@40", "1@50"), writtenRecords());
    }

    @Test
    void pastTheMemoryBoundTheOldestGoOutEarly() throws Exception {
        TimeOrderedWriter small = new TimeOrderedWriter(Channels.newChannel(written), HOLD, 100, () -> now);
        small.add(0, records(RecordLayout.V7, 0, 0, 10, 20));
        assertEquals(List.of(), writtenRecords());
        small.add(1, records(RecordLayout.V7, 1, 0, 5));
        // 144 bytes held, 100 allowed: the oldest go until no more than 100 wait.
        assertEquals(List.of("1@5"), writtenRecords());
        assertEquals(96, small.heldBytes());
    }
}
