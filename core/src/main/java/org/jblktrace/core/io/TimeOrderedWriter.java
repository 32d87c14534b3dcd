package org.jblktrace.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jblktrace.core.record.RecordLayout;

/**
 * Writes the whole records of several streams (one per device and CPU, each in time order by
 * itself) to one channel in time order. The streams arrive in batches, and one CPU's batch may
 * come later than another's with earlier records in it; blkparse's pipe mode sorts only what one
 * read brings, and shows a record that comes after later ones out of order, or with a negative
 * time. So each record is held until it has waited {@code holdNanos}: whatever arrives within
 * that time goes before it if it is older. When more than {@code maxHeldBytes} wait, the oldest
 * go out at once, which bounds the memory.
 */
public final class TimeOrderedWriter {
    private static final int OUTPUT_BUFFER = 256 << 10;

    private final WritableByteChannel out;
    private final long holdNanos;
    private final long maxHeldBytes;
    private final LongSupplier clock;
    // A stream's queue stays once made: there are only devices x CPUs of them.
    private final Map<Integer, ArrayDeque<Batch>> streams = new HashMap<>();
    private final ByteBuffer pending = ByteBuffer.allocate(OUTPUT_BUFFER);
    private long heldBytes;

    /** A writer on the monotonic clock. */
    public TimeOrderedWriter(WritableByteChannel out, long holdNanos, long maxHeldBytes) {
        this(out, holdNanos, maxHeldBytes, System::nanoTime);
    }

    TimeOrderedWriter(WritableByteChannel out, long holdNanos, long maxHeldBytes, LongSupplier clock) {
        this.out = out;
        this.holdNanos = holdNanos;
        this.maxHeldBytes = maxHeldBytes;
        this.clock = clock;
    }

    /**
     * Takes the whole records (native byte order) between the buffer's position and limit for
     * one stream, moving the position to the limit, and writes those now due.
     */
    public synchronized void add(int stream, ByteBuffer records) throws IOException {
        if (!records.hasRemaining()) {
            return;
        }
        byte[] copy = new byte[records.remaining()];
        records.get(copy);
        streams.computeIfAbsent(stream, s -> new ArrayDeque<>()).add(new Batch(copy, clock.getAsLong()));
        heldBytes += copy.length;
        release(false);
    }

    /** Writes the records that have waited their time. */
    public synchronized void releaseDue() throws IOException {
        release(false);
    }

    /** Writes every record held, in time order (once the streams have ended). */
    public synchronized void releaseAll() throws IOException {
        release(true);
    }

    /** Bytes received and not yet written. */
    public synchronized long heldBytes() {
        return heldBytes;
    }

    private void release(boolean all) throws IOException {
        long dueBefore = clock.getAsLong() - holdNanos;
        while (true) {
            ArrayDeque<Batch> oldest = null;
            for (ArrayDeque<Batch> batches : streams.values()) {
                Batch head = batches.peekFirst();
                if (head != null && (oldest == null || Long.compareUnsigned(head.time(), oldest.peekFirst().time()) < 0)) {
                    oldest = batches;
                }
            }
            if (oldest == null
                    || !(all || heldBytes > maxHeldBytes || oldest.peekFirst().arrival - dueBefore <= 0)) {
                break;
            }
            emitFirstRecord(oldest);
        }
        flush();
    }

    private void emitFirstRecord(ArrayDeque<Batch> stream) throws IOException {
        Batch batch = stream.peekFirst();
        int length = batch.recordLength();
        if (pending.remaining() < length) {
            flush();
        }
        if (length > pending.capacity()) {
            out.write(ByteBuffer.wrap(batch.data.array(), batch.data.position(), length));
        } else {
            pending.put(batch.data.array(), batch.data.position(), length);
        }
        batch.data.position(batch.data.position() + length);
        heldBytes -= length;
        if (!batch.data.hasRemaining()) {
            stream.removeFirst();
        }
    }

    private void flush() throws IOException {
        pending.flip();
        try {
            while (pending.hasRemaining()) {
                out.write(pending);
            }
        } finally {
            pending.clear();
        }
    }

    /** Records of one stream that arrived together; {@code data}'s position is the next record. */
    private static final class Batch {
        final ByteBuffer data;
        final long arrival;

        Batch(byte[] records, long arrival) {
            this.data = ByteBuffer.wrap(records).order(ByteOrder.nativeOrder());
            this.arrival = arrival;
        }

        long time() {
            return data.getLong(data.position() + RecordLayout.TIME_OFFSET);
        }

        int recordLength() {
            RecordLayout layout = RecordLayout.ofMagic(data.getInt(data.position() + RecordLayout.MAGIC_OFFSET));
            // Not a record: the rest of the batch goes out as it came rather than being lost.
            int length = layout == null ? data.remaining() : layout.recordLength(data, data.position());
            return Math.min(length, data.remaining());
        }
    }
}
