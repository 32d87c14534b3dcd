package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Walks the entries of one ftrace ring-buffer page, as a read of {@code trace_pipe_raw} hands
 * it out, following the layout tracefs describes in {@code events/header_page} and
 * {@code events/header_event}: a 64-bit page timestamp, a 64-bit commit word (data length in its
 * low 27 bits, lost-event flags above), then events. Each event starts with a 32-bit word of a
 * 5-bit type and a 27-bit time delta: types 1 to 28 give the data length in 4-byte words, type 0
 * takes it from the next word (which counts itself), 29 is padding (the rest of the page when
 * its delta is 0), 30 extends the next delta and 31 is an absolute timestamp. Timestamps are in
 * the trace clock's nanoseconds.
 */
final class RingBufferPage {
    static final int HEADER_SIZE = 16;
    private static final int COMMIT_OFFSET = 8;
    private static final int COMMIT_MASK = (1 << 27) - 1;
    private static final int TIME_SHIFT = 27;
    private static final int PADDING = 29;
    private static final int TIME_EXTEND = 30;
    private static final int TIME_STAMP = 31;
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /** Receives each data entry of a page. */
    interface Entries {
        /** The entry's data is {@code page[offset, offset + length)}; it may be padded to 4 bytes. */
        void entry(ByteBuffer page, int offset, int length, long timestamp) throws IOException;
    }

    private RingBufferPage() {
    }

    /**
     * Hands every data entry of the page in {@code page[0, limit)} (native order) to
     * {@code entries}, in order. A page whose lengths do not add up ends where they stop making
     * sense; the entries before are handed on.
     *
     * @return false when the page was malformed
     */
    static boolean read(ByteBuffer page, Entries entries) throws IOException {
        int limit = page.limit();
        if (limit < HEADER_SIZE) {
            return limit == 0;
        }
        long time = page.getLong(0);
        int end = HEADER_SIZE + (int) (page.getLong(COMMIT_OFFSET) & COMMIT_MASK);
        if (end > limit) {
            return false;
        }
        int at = HEADER_SIZE;
        while (at + 4 <= end) {
            int word = page.getInt(at);
            int type = BIG_ENDIAN ? word >>> 27 : word & 0x1F;
            long delta = BIG_ENDIAN ? word & 0x7FFFFFF : word >>> 5;
            if (type == PADDING) {
                if (delta == 0) {
                    return true;
                }
                if (at + 8 > end) {
                    return false;
                }
                // A discarded event: its length word counts what follows the header.
                at += 4 + page.getInt(at + 4);
            } else if (type == TIME_EXTEND || type == TIME_STAMP) {
                if (at + 8 > end) {
                    return false;
                }
                long extended = ((page.getInt(at + 4) & 0xFFFFFFFFL) << TIME_SHIFT) + delta;
                time = type == TIME_STAMP ? extended : time + extended;
                at += 8;
            } else {
                int data;
                int length;
                if (type == 0) {
                    if (at + 8 > end) {
                        return false;
                    }
                    length = page.getInt(at + 4) - 4;
                    data = at + 8;
                } else {
                    length = type * 4;
                    data = at + 4;
                }
                if (length < 0 || data + length > end) {
                    return false;
                }
                time += delta;
                entries.entry(page, data, length, time);
                at = data + ((length + 3) & ~3);
            }
        }
        return at == end;
    }
}
