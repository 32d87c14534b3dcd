package org.jblktrace.core.kernel.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;

/**
 * Finds where the whole records of a native-order stream end, so that a record cut by a read
 * is held back until the rest arrives. Like blktrace, framing trusts the header's pdu_len; the
 * version byte only selects the header size (64 bytes for version 8, else 48).
 */
public final class RecordFramer {
    private static final int V7_PDU_LEN_OFFSET = 46;
    private static final int V8_PDU_LEN_OFFSET = 50;
    private static final int FILE_CHUNK = 1 << 20;

    private int lastRecordCount;

    /** Length of the longest prefix of {@code buf[0, length)} made of whole records. */
    int wholeRecords(ByteBuffer buf, int length) {
        int offset = 0;
        int records = 0;
        while (length - offset >= Blk.HEADER_V7) {
            int magic = buf.getInt(offset);
            boolean v8 = RecordCodec.hasMagic(magic) && (magic & 0xFF) == Blk.VERSION_8;
            int headerSize = v8 ? Blk.HEADER_V8 : Blk.HEADER_V7;
            if (length - offset < headerSize) {
                break;
            }
            int pduLen = buf.getShort(offset + (v8 ? V8_PDU_LEN_OFFSET : V7_PDU_LEN_OFFSET)) & 0xFFFF;
            int recordSize = headerSize + pduLen;
            if (length - offset < recordSize) {
                break;
            }
            offset += recordSize;
            records++;
        }
        lastRecordCount = records;
        return offset;
    }

    /** Records in the prefix the last {@link #wholeRecords} call returned: the count the sink gets with them. */
    int lastRecordCount() {
        return lastRecordCount;
    }

    /**
     * Length of the longest prefix of a trace file made of whole records: where to cut a file
     * that a failed write (a full disk) left ending inside a record. Reads the file once.
     */
    public static long wholeRecordsEnd(FileChannel file) throws IOException {
        long size = file.size();
        ByteBuffer chunk = ByteBuffer.allocate(FILE_CHUNK + Blk.HEADER_V8 + 0xFFFF).order(ByteOrder.nativeOrder());
        RecordFramer framer = new RecordFramer();
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
