package org.jblktrace.core.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.RecordLayout;
import org.jblktrace.core.record.TraceRecord;

/**
 * Reads blktrace records from one input through a large buffer, applying blkparse's checks in
 * its order: byte order (decided once per run, see {@link TraceOrder}), magic, truncation,
 * version. Records are decoded into caller-owned {@link TraceRecord}s.
 */
final class RecordReader {
    enum Status { RECORD, END, NO_DATA, UNKNOWN_ORDER, BAD_MAGIC, BAD_VERSION, READ_ERROR }

    /** Large enough for the biggest record (64-byte header plus a 64 KiB payload). */
    static final int MIN_BUFFER = 1 << 17;

    private final InputStream in;
    private final TraceOrder order;
    private final byte[] data;
    private final ByteBuffer nativeView;
    private ByteBuffer traceView;
    private int pos;
    private int limit;
    private boolean eof;
    /** Magic of the last BAD_MAGIC record or version of the last BAD_VERSION one. */
    int badValue;
    /** strerror text of the last READ_ERROR. */
    String error;
    /** Whether version 8 records are read; else they are an unknown version, laid out as 7. */
    private final boolean version8;

    RecordReader(InputStream in, TraceOrder order, int bufferSize, boolean version8) {
        this.in = in;
        this.order = order;
        this.version8 = version8;
        this.data = new byte[Math.max(bufferSize, MIN_BUFFER)];
        this.nativeView = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
    }

    /**
     * Reads the next record into {@code r}. Without {@code block}, returns NO_DATA instead of
     * waiting when not a single byte is available.
     */
    Status next(TraceRecord r, boolean block) {
        try {
            if (!block && limit == pos && !eof && in.available() <= 0) {
                return Status.NO_DATA;
            }
            if (!fill(Blk.HEADER_V7)) {
                return Status.END;
            }
            if (order.value == null) {
                ByteOrder detected = RecordCodec.detectOrder(nativeView.getInt(pos));
                if (detected == null) {
                    pos += Blk.HEADER_V7;
                    return Status.UNKNOWN_ORDER;
                }
                order.value = detected;
            }
            if (traceView == null || traceView.order() != order.value) {
                traceView = ByteBuffer.wrap(data).order(order.value);
            }
            int magic = traceView.getInt(pos);
            if (!RecordCodec.hasMagic(magic)) {
                pos += Blk.HEADER_V7;
                badValue = magic;
                return Status.BAD_MAGIC;
            }
            int version = magic & 0xFF;
            // A version 8 record is read as one only where the mode accepts version 8; otherwise
            // it is an unknown version, laid out (and refused) as version 7 is.
            boolean known = version == Blk.VERSION_7 || version == Blk.VERSION_8 && version8;
            RecordLayout layout = RecordCodec.layoutFor(known ? version : Blk.VERSION_7);
            int header = layout.headerSize;
            if (!fill(header)) {
                return Status.END;
            }
            int pduLen = layout.pduLen(traceView, pos);
            if (!fill(header + pduLen)) {
                return Status.END;
            }
            if (!known) {
                pos += header + pduLen;
                badValue = version;
                return Status.BAD_VERSION;
            }
            traceView.position(pos);
            RecordCodec.decodeHeader(traceView, version, r);
            System.arraycopy(data, pos + header, r.ensurePdu(pduLen), 0, pduLen);
            pos += header + pduLen;
            return Status.RECORD;
        } catch (IOException e) {
            error = Errno.text(e);
            eof = true;
            return Status.READ_ERROR;
        }
    }

    void close() throws IOException {
        in.close();
    }

    /** Makes {@code n} bytes available at {@link #pos}; false at end of input (a short tail is dropped). */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (eof) {
            pos = limit;
            return false;
        }
        System.arraycopy(data, pos, data, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < n) {
            int got = in.read(data, limit, data.length - limit);
            if (got < 0) {
                eof = true;
                pos = limit;
                return false;
            }
            limit += got;
        }
        return true;
    }
}
