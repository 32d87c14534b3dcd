package org.jblktrace.core.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks the start of a native-order record stream handed over in pieces of any size, as it
 * passes: that its records are of one expected layout, up to and including its first event.
 * Past that event it looks at nothing, so storing a stream as read (blktrace's file mode) costs
 * no walk over every record. The first bytes that are no record of the layout are kept as
 * {@link #problem()}.
 */
public final class LeadingRecordCheck {
    private final RecordLayout expected;
    /** A header cut between two pieces, gathered until whole. */
    private final ByteBuffer header = ByteBuffer.allocate(Blk.HEADER_V8).order(ByteOrder.nativeOrder());
    /** Payload bytes of the current record still to pass. */
    private int payloadLeft;
    /** Stream bytes before the current piece, and where the record being read starts. */
    private long offset;
    private long recordStart;
    private boolean sawEvent;
    private String problem;

    public LeadingRecordCheck(RecordLayout expected) {
        this.expected = expected;
    }

    /** Whether the check is over: an event passed, or a problem was found. */
    public boolean done() {
        return sawEvent || problem != null;
    }

    /** Checks the records between the piece's position and limit; the piece is left as it was. */
    public void check(ByteBuffer given) {
        if (done()) {
            return;
        }
        ByteBuffer piece = given.order() == ByteOrder.nativeOrder() ? given
                : given.duplicate().order(ByteOrder.nativeOrder());
        int start = piece.position();
        int at = start;
        int end = piece.limit();
        while (at < end && !done()) {
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
        if (!expected.isNote(buf, at)) {
            sawEvent = true;
        }
        payloadLeft = expected.pduLen(buf, at);
    }

    /** Whether an event (not a note) has passed. */
    public boolean sawEvent() {
        return sawEvent;
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
