package org.jblktrace.core.kernel.ftrace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.RecordLayout;
import org.jblktrace.core.record.TraceRecord;

/**
 * Ring-buffer pages as the kernel writes them and {@code trace_pipe_raw} hands them out, for
 * tests: blk entries (the kernel's record with ftrace's entry header over magic and sequence,
 * no time) and other entries, with the time deltas, extends and padding of the real format.
 */
final class RingBufferPages {
    static final int PAGE = 4096;
    /** The entry type the blk tracer's entries carry in these pages. */
    static final int BLK_TYPE = 14;

    private final ByteBuffer page = ByteBuffer.allocate(PAGE).order(ByteOrder.nativeOrder());
    private long time;

    /** A page whose first event is at {@code pageTime}. */
    RingBufferPages(long pageTime) {
        page.putLong(0, pageTime);
        page.position(RingBufferPage.HEADER_SIZE);
        time = pageTime;
    }

    /** The entry of a record as the blk tracer stores it, in {@code layout}. */
    static byte[] blkEntry(TraceRecord r, RecordLayout layout) {
        TraceRecord copy = r.copy();
        copy.version = layout.version;
        byte[] bytes = RecordCodec.toBytes(copy, ByteOrder.nativeOrder());
        ByteBuffer entry = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        entry.putShort(0, (short) BLK_TYPE);
        entry.put(2, (byte) 1);
        entry.put(3, (byte) 0);
        entry.putInt(4, r.pid);
        entry.putLong(8, 0);
        return bytes;
    }

    /** Adds an entry at {@code at}: its data padded to 4 bytes, the length in the type or, when long, a word. */
    RingBufferPages entry(byte[] data, long at) {
        long delta = at - time;
        if (delta >= 1 << 27) {
            page.putInt(30 | (int) ((delta & ((1 << 27) - 1)) << 5));
            page.putInt((int) (delta >>> 27));
            delta = 0;
        }
        time = at;
        int padded = (data.length + 3) & ~3;
        if (padded <= 28 * 4) {
            page.putInt(padded / 4 | (int) (delta << 5));
        } else {
            page.putInt((int) (delta << 5));
            page.putInt(padded + 4);
        }
        page.put(data);
        page.position(page.position() + padded - data.length);
        return this;
    }

    /** An absolute timestamp event. */
    RingBufferPages stamp(long at) {
        page.putInt(31 | (int) ((at & ((1 << 27) - 1)) << 5));
        page.putInt((int) (at >>> 27));
        time = at;
        return this;
    }

    /**
     * A discarded event with {@code length} bytes after its length word, which counts itself
     * too; its delta is not added to the time.
     */
    RingBufferPages discarded(int length) {
        page.putInt(29 | 1 << 5);
        page.putInt(length + 4);
        page.position(page.position() + length);
        return this;
    }

    /** The page as a read hands it out: commit set, the unused rest zero. */
    ByteBuffer read() {
        ByteBuffer out = ByteBuffer.allocate(PAGE).order(ByteOrder.nativeOrder());
        out.put(page.array(), 0, page.position());
        out.putLong(8, page.position() - RingBufferPage.HEADER_SIZE);
        return out.clear();
    }
}
