package org.jblktrace.core.parse;

import java.util.ArrayDeque;
import org.jblktrace.core.record.TraceRecord;

/**
 * The freed heap blocks that blkparse 1.2.0's tracked requests are made from. It takes a new
 * request's memory from malloc without clearing it; with Debian 12's glibc that memory is the
 * block of the same size freed last: a completed request, or in file mode a note's record (1.2.0
 * frees those when it reads them). glibc keeps such blocks in a per-thread cache of seven, last
 * in first out, untouched by MALLOC_PERTURB_, and the overflow in a fast bin, which refills the
 * cache when it runs dry. What the reference reads for a stage a new request never passed is
 * therefore the stale time of an earlier request, or bytes of a record, and ours reads the same.
 * Beyond what this models the block holds what glibc left at start-up, or zeroes; ours takes 0.
 */
final class FreedBlocks12 {
    private static final int CACHE_SIZE = 7;
    /** A record's header is 48 bytes; with 9 to 24 payload bytes it shares the requests' 80-byte blocks. */
    private static final int MIN_PDU = 9;
    private static final int MAX_PDU = 24;
    /**
     * glibc's fast bin has no bound, but remaps free a block per request, so ours would grow with
     * the trace; only a run of this many new requests without a completion reaches deeper.
     */
    private static final int FAST_BIN_LIMIT = 4096;

    private final ArrayDeque<long[]> cache = new ArrayDeque<>();
    private final ArrayDeque<long[]> fastBin = new ArrayDeque<>();

    /** The allocation, queue and dispatch times a new request finds in its memory. */
    long[] take() {
        long[] block = cache.pollFirst();
        if (block != null) {
            return block;
        }
        block = fastBin.pollFirst();
        if (block == null) {
            return new long[3];
        }
        while (cache.size() < CACHE_SIZE && !fastBin.isEmpty()) {
            cache.addFirst(fastBin.pollFirst());
        }
        return block;
    }

    /** A completed request's memory goes back, its times still in it. */
    void free(IoTrack iot) {
        free(new long[] {iot.allocationTime, iot.queueTime, iot.dispatchTime});
    }

    /**
     * A record freed when read: where a request keeps its times the record has its CPU, error
     * and payload length, then its first 16 payload bytes (little-endian, as on the reference's
     * machine).
     */
    void free(TraceRecord r) {
        if (r.pduLen < MIN_PDU || r.pduLen > MAX_PDU) {
            return;
        }
        long header = (r.cpu & 0xFFFFFFFFL) | (long) (r.error & 0xFFFF) << 32 | (long) (r.pduLen & 0xFFFF) << 48;
        free(new long[] {header, payloadWord(r, 0), payloadWord(r, 8)});
    }

    private void free(long[] block) {
        if (cache.size() < CACHE_SIZE) {
            cache.addFirst(block);
        } else {
            if (fastBin.size() == FAST_BIN_LIMIT) {
                fastBin.pollLast();
            }
            fastBin.addFirst(block);
        }
    }

    /** Eight payload bytes from {@code off} as a little-endian word; bytes past the payload count as 0. */
    private static long payloadWord(TraceRecord r, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            int at = off + i;
            v = (v << 8) | (at < r.pduLen ? r.pdu[at] & 0xFF : 0);
        }
        return v;
    }
}
