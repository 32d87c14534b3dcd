package org.jblktrace.core.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Counts the records and events of a native-order record stream handed over in pieces of any
 * size, as it passes: nothing is held back, so a stream stored as read (blktrace's file mode) can
 * still say what it holds. Records must be of one expected layout; the first bytes that are not
 * end the counting and are kept as {@link #problem()}.
 */
public final class RecordCounter {
    private final RecordLayout expected;
    /** A header cut between two pieces, gathered until whole. */
    private final ByteBuffer header = ByteBuffer.allocate(Blk.HEADER_V8).order(ByteOrder.nativeOrder());
    /** Payload bytes of the current record still to pass. */
    private int payloadLeft;
    /** Stream bytes before the current piece, and where the record being read starts. */
    private long offset;
    private long recordStart;
    private long records;
    private long events;
    private String problem;

    public RecordCounter(RecordLayout expected) {
        this.expected = expected;
    }

    /** Counts the records between the piece's position and limit; the piece is left as it was. */
    public void count(ByteBuffer given) {
        ByteBuffer piece = given.order() == ByteOrder.nativeOrder() ? given
                : given.duplicate().order(ByteOrder.nativeOrder());
        int start = piece.position();
        int at = start;
        int end = piece.limit();
        while (at < end && problem == null) {
            if (payloadLeft > 0) {
                int skipped = Math.min(payloadLeft, end - at);
                payloadLeft -= skipped;
                at += skipped;
            } else if (header.position() == 0 && end - at >= expected.headerSize) {
                recordStart = offset + (at - start);
                take(piece, at);
                at += expected.headerSize;
            } else {
                if (header.position() == 0) {
                    recordStart = offset + (at - start);
                }
                int taken = Math.min(expected.headerSize - header.position(), end - at);
                header.put(header.position(), piece, at, taken);
                header.position(header.position() + taken);
                at += taken;
                if (header.position() == expected.headerSize) {
                    take(header, 0);
                    header.clear();
                }
            }
        }
        offset += end - start;
    }

    private void take(ByteBuffer buf, int at) {
        int magic = buf.getInt(at);
        if (RecordLayout.ofMagic(magic) != expected) {
            problem = describe(magic, expected, recordStart);
            return;
        }
        records++;
        if (!expected.isNote(buf, at)) {
            events++;
        }
        payloadLeft = expected.pduLen(buf, at);
    }

    /** Records whose header has passed. */
    public long records() {
        return records;
    }

    /** Records that are events, not notes. */
    public long events() {
        return events;
    }

    /** What was found instead of a record of the expected layout, as a phrase; null while all is well. */
    public String problem() {
        return problem;
    }

    /** The phrase for a magic word found where a record of {@code expected} should start. */
    public static String describe(int magic, RecordLayout expected, long at) {
        RecordLayout found = RecordLayout.ofMagic(magic);
        String what = found != null ? "a version " + found.version + " record"
                : RecordCodec.hasMagic(magic) ? "a record of unknown version " + (magic & 0xFF)
                : String.format("no record (word 0x%08x)", magic);
        return what + " near byte " + at + " where version " + expected.version + " records were expected";
    }
}
