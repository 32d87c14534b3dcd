package org.jblktrace.core.kernel.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.LeadingRecordCheck;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.RecordLayout;

/**
 * Finds where the whole records of a native-order stream end, so that a record cut by a read
 * is held back until the rest arrives, and counts them. Like blktrace, framing trusts the
 * header's pdu_len; the magic word selects the layout ({@link RecordCodec#layoutFor}). Records
 * that are not of the expected layout are framed all the same and the first is kept as
 * {@link #problem()}.
 */
public final class RecordFramer {
    private static final int FILE_CHUNK = 1 << 20;

    private final RecordLayout expected;
    private int lastRecordCount;
    private long records;
    private long events;
    private long framedBytes;
    private String problem;

    /** A framer for streams of {@code expected} records. */
    public RecordFramer(RecordLayout expected) {
        this.expected = expected;
    }

    /** Length of the longest prefix of {@code buf[0, length)} made of whole records. */
    int wholeRecords(ByteBuffer buf, int length) {
        int offset = 0;
        int count = 0;
        while (length - offset >= Blk.HEADER_V7) {
            int magic = buf.getInt(offset);
            RecordLayout layout = RecordCodec.layoutFor(magic & 0xFF);
            if (length - offset < layout.headerSize) {
                break;
            }
            int recordSize = layout.recordLength(buf, offset);
            if (length - offset < recordSize) {
                break;
            }
            if (problem == null && RecordLayout.ofMagic(magic) != expected) {
                problem = LeadingRecordCheck.describe(magic, expected, framedBytes + offset);
            }
            if (!layout.isNote(buf, offset)) {
                events++;
            }
            offset += recordSize;
            count++;
        }
        lastRecordCount = count;
        records += count;
        framedBytes += offset;
        return offset;
    }

    /** Records in the prefix the last {@link #wholeRecords} call returned: the count the sink gets with them. */
    int lastRecordCount() {
        return lastRecordCount;
    }

    /** Records framed so far. */
    long records() {
        return records;
    }

    /** Framed records that are events, not notes. */
    long events() {
        return events;
    }

    /** The first record that was not of the expected layout, as a phrase, or null. */
    String problem() {
        return problem;
    }

    /**
     * Length of the longest prefix of a trace file made of whole records: where to cut a file
     * that a failed write (a full disk) left ending inside a record. Reads the file once.
     */
    public static long wholeRecordsEnd(FileChannel file) throws IOException {
        long size = file.size();
        ByteBuffer chunk = ByteBuffer.allocate(FILE_CHUNK + RecordLayout.MAX_RECORD).order(ByteOrder.nativeOrder());
        RecordFramer framer = new RecordFramer(RecordLayout.V7);
        long start = 0;
        while (start < size) {
            chunk.clear();
            while (chunk.hasRemaining() && file.read(chunk, start + chunk.position()) > 0) {
                // fill the chunk, or as much as the file has
            }
            int whole = framer.wholeRecords(chunk, chunk.position());
            if (whole == 0) {
                break;
            }
            start += whole;
        }
        return start;
    }
}
