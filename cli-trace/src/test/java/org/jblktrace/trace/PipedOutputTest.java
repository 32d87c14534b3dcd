package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.List;
import org.jblktrace.core.kernel.relay.SyntheticTrace;
import org.jblktrace.core.record.RecordLayout;
import org.junit.jupiter.api.Test;

/**
 * Piped mode's figures come from the capture's own count of the records it hands over, and its
 * records go out in time order across CPUs.
 */
class PipedOutputTest {
    @Test
    void recordsAreCountedAsTheCaptureCountedThem() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PipedOutput output = new PipedOutput(Channels.newChannel(stdout), new StopRequest());
        output.open(List.of("sda", "sdb"), 2);
        byte[] trace = SyntheticTrace.records(7, 1, ByteOrder.nativeOrder(), true);
        output.write("sdb", 1, ByteBuffer.wrap(trace), 7);
        output.write("sdb", 1, ByteBuffer.wrap(trace), 7);
        assertEquals(14, output.records(1, 1));
        assertEquals(2L * trace.length, output.bytes(1, 1));
        assertEquals(0, output.records(0, 1));
        assertEquals(0, output.records(1, 0));
        byte[] twice = new byte[2 * trace.length];
        System.arraycopy(trace, 0, twice, 0, trace.length);
        System.arraycopy(trace, 0, twice, trace.length, trace.length);
        output.finish(new long[2]);
        assertArrayEquals(twice, stdout.toByteArray());
    }

    @Test
    void aCpusOlderRecordsThatComeLaterAreWrittenFirst() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PipedOutput output = new PipedOutput(Channels.newChannel(stdout), new StopRequest());
        output.open(List.of("sda"), 2);
        output.write("sda", 0, record(0, 2000), 1);
        output.write("sda", 1, record(1, 1000), 1);
        output.finish(new long[1]);
        output.close();
        ByteBuffer written = ByteBuffer.wrap(stdout.toByteArray()).order(ByteOrder.nativeOrder());
        assertEquals(2 * RecordLayout.V7.headerSize, written.remaining());
        assertEquals(1000, written.getLong(RecordLayout.TIME_OFFSET));
        assertEquals(2000, written.getLong(RecordLayout.V7.headerSize + RecordLayout.TIME_OFFSET));
    }

    private static ByteBuffer record(int cpu, long time) {
        ByteBuffer record = ByteBuffer.allocate(RecordLayout.V7.headerSize).order(ByteOrder.nativeOrder());
        RecordLayout.V7.putHeader(record, 0, 1, time, 8, 4096, 0, 1, 0, cpu, 0, 0);
        return record;
    }
}
