package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.TraceSink;
import org.junit.jupiter.api.Test;

/** Relay reads cut records anywhere; the sink must only ever see whole ones, none lost. */
class RelayFileReaderTest {
    /** Hands out the data in the given chunk sizes, then nothing (an empty relay buffer). */
    private static final class ChunkedRelay implements ReadableByteChannel {
        private final ByteBuffer data;
        private final int[] chunks;
        private int next;

        ChunkedRelay(byte[] data, int... chunks) {
            this.data = ByteBuffer.wrap(data);
            this.chunks = chunks;
        }

        @Override
        public int read(ByteBuffer target) {
            if (next >= chunks.length || !data.hasRemaining()) {
                return 0;
            }
            int n = Math.min(Math.min(chunks[next++], data.remaining()), target.remaining());
            ByteBuffer slice = data.slice();
            slice.limit(n);
            target.put(slice);
            data.position(data.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static byte[] records(int... payloadLengths) {
        int size = 0;
        for (int length : payloadLengths) {
            size += 48 + length;
        }
        ByteBuffer data = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        for (int i = 0; i < payloadLengths.length; i++) {
            int at = data.position();
            data.putInt(at, 0x65617407);
            data.putInt(at + 4, i + 1);
            data.putShort(at + 46, (short) payloadLengths[i]);
            data.position(at + 48 + payloadLengths[i]);
        }
        return data.array();
    }

    @Test
    void passesOnWholeRecordsAndKeepsACutOneForTheNextRead() throws Exception {
        byte[] trace = records(0, 13, 0, 100, 5);
        List<Integer> deliveries = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        TraceSink sink = (device, cpu, records) -> {
            assertEquals("loop0", device);
            assertEquals(1, cpu);
            byte[] bytes = new byte[records.remaining()];
            records.get(bytes);
            deliveries.add(bytes.length);
            received.write(bytes);
        };
        RelayFileReader reader = new RelayFileReader("loop0", 1, new ChunkedRelay(trace, 30, 40, 20, 150, 1000), 4096);
        int total = 0;
        for (int read = reader.readOnce(sink); read > 0; read = reader.readOnce(sink)) {
            total += read;
        }
        assertEquals(trace.length, total);
        assertEquals(0, reader.pending());
        assertArrayEquals(trace, received.toByteArray());
        // Records end at 48, 109, 157, 305, 358; reads end at 30, 70, 90, 240, 358.
        assertEquals(List.of(48, 61 + 48, 148 + 53), deliveries);
    }
}
