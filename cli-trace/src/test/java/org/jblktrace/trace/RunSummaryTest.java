package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run table and warning, with the figures of the spec's verified example (§2.7). */
class RunSummaryTest {
    /** An output that was handed {@code bytes} of {@code records} records per CPU. */
    private static TraceOutput output(long[] bytes, int[] records) throws IOException {
        TraceOutput output = new PipedOutput(Channels.newChannel(OutputStream.nullOutputStream()), new StopRequest());
        output.open(List.of("fake"), bytes.length);
        for (int cpu = 0; cpu < bytes.length; cpu++) {
            output.write("fake", cpu, records((int) bytes[cpu], records[cpu]));
        }
        return output;
    }

    /** {@code count} version 7 records filling {@code size} bytes (the last one's payload takes the rest). */
    private static ByteBuffer records(int size, int count) {
        ByteBuffer data = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        for (int i = 0; i < count; i++) {
            int pdu = i == count - 1 ? size - 48 * count : 0;
            data.putInt(data.position(), 0x65617407);
            data.putShort(data.position() + 46, (short) pdu);
            data.position(data.position() + 48 + pdu);
        }
        return data.flip();
    }

    @Test
    void fileModeEstimatesEventsFromBytesAndRoundsKibLikeTheReference() throws IOException {
        TraceOutput output = output(new long[] {779, 832}, new int[] {15, 16});
        assertEquals("""
                === fake ===
                  CPU  0:                   16 events,        1 KiB data
                  CPU  1:                   17 events,        1 KiB data
                  Total:                    33 events (dropped 5),        2 KiB data
                """, RunSummary.table(output, new long[] {5}, false));
        assertEquals("\nYou have 5 ( 13.2%) dropped events\n"
                + "Consider using a larger buffer size (-b) and/or more buffers (-n)\n",
                RunSummary.dropWarning(output, new long[] {5}, false));
    }

    @Test
    void pipedModeCountsWholeRecords() throws IOException {
        TraceOutput output = output(new long[] {779, 832}, new int[] {15, 16});
        assertEquals(15, output.records(0, 0));
        assertEquals(" 13.9", RunSummary.dropWarning(output, new long[] {5}, true).substring(13, 18));
    }

    @Test
    void noDataStillShowsOneKibInTotalAndNoDropsNoWarning() throws IOException {
        TraceOutput output = output(new long[] {0}, new int[] {0});
        assertEquals("""
                === fake ===
                  CPU  0:                    0 events,        0 KiB data
                  Total:                     0 events (dropped 0),        1 KiB data
                """, RunSummary.table(output, new long[] {0}, false));
        assertEquals("", RunSummary.dropWarning(output, new long[] {0}, false));
        assertEquals("\nYou have 3 (100.0%) dropped events\n"
                + "Consider using a larger buffer size (-b) and/or more buffers (-n)\n",
                RunSummary.dropWarning(output, new long[] {3}, false));
    }

    @Test
    void percentRoundsTheExactBinaryValueHalfToEven() {
        assertEquals("  0.2", RunSummary.percent(0.25));
        // 0.35 is stored as 0.34999..., which glibc rounds down.
        assertEquals("  0.3", RunSummary.percent(0.35));
        assertEquals(" 13.2", RunSummary.percent(100.0 * 5 / 38));
    }
}
