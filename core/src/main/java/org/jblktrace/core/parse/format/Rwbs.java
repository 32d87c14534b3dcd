package org.jblktrace.core.parse.format;

import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/** The RWBS column: flush, data direction or operation, then FUA, read-ahead, sync and meta flags. */
final class Rwbs {
    /** Longest possible result: F + ZRA + F + A + S + M. */
    static final int MAX_LENGTH = 8;

    private Rwbs() {
    }

    /** Writes the RWBS letters of {@code t} into {@code dst} and returns how many were written. */
    static int fill(byte[] dst, TraceRecord t) {
        int c = t.categories();
        int n = 0;
        if ((c & Blk.TC_FLUSH) != 0) {
            dst[n++] = 'F';
        }
        if ((c & Blk.TC_DISCARD) != 0) {
            dst[n++] = 'D';
        } else if (t.version == Blk.VERSION_8 && (c & ZONE_OPS) != 0) {
            n = putZoneOperation(dst, n, c);
        } else if ((c & Blk.TC_WRITE) != 0) {
            dst[n++] = 'W';
        } else if (t.bytes != 0) {
            dst[n++] = 'R';
        } else {
            dst[n++] = 'N';
        }
        if ((c & Blk.TC_FUA) != 0) {
            dst[n++] = 'F';
        }
        if ((c & Blk.TC_AHEAD) != 0) {
            dst[n++] = 'A';
        }
        if ((c & Blk.TC_SYNC) != 0) {
            dst[n++] = 'S';
        }
        if ((c & Blk.TC_META) != 0) {
            dst[n++] = 'M';
        }
        return n;
    }

    private static final int ZONE_OPS = Blk.TC_ZONE_APPEND | Blk.TC_ZONE_RESET | Blk.TC_ZONE_RESET_ALL
        | Blk.TC_ZONE_FINISH | Blk.TC_ZONE_OPEN | Blk.TC_ZONE_CLOSE;

    /** Version 8 zone operations, tested in upstream blkparse's order. */
    private static int putZoneOperation(byte[] dst, int n, int c) {
        dst[n++] = 'Z';
        if ((c & Blk.TC_ZONE_APPEND) != 0) {
            dst[n++] = 'A';
        } else if ((c & Blk.TC_ZONE_RESET) != 0) {
            dst[n++] = 'R';
        } else if ((c & Blk.TC_ZONE_RESET_ALL) != 0) {
            dst[n++] = 'R';
            dst[n++] = 'A';
        } else if ((c & Blk.TC_ZONE_FINISH) != 0) {
            dst[n++] = 'F';
        } else if ((c & Blk.TC_ZONE_OPEN) != 0) {
            dst[n++] = 'O';
        } else {
            dst[n++] = 'C';
        }
        return n;
    }
}
