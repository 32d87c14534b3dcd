package org.jblktrace.core.parse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jblktrace.core.record.TraceRecord;

/**
 * blkparse's record reader for other tools (btt reads {@code blkparse -d} dumps with it): one
 * input read in order, the byte order decided by the first record, each record checked for
 * the magic and a known version. It also tells where a problem lies and how many bytes of a
 * truncated last record were left over.
 */
public final class TraceStream implements AutoCloseable {
    /** What {@link #next} found. */
    public enum Status {
        /** A record was decoded. */
        RECORD,
        /** The input ended (possibly in the middle of a record: see {@link #leftoverBytes}). */
        END,
        /** The first record has the magic in neither byte order. */
        UNKNOWN_ORDER,
        /** A record without the magic. */
        BAD_MAGIC,
        /** A record of a version other than 7 and 8. */
        BAD_VERSION,
        /** Reading failed. */
        READ_ERROR
    }

    private final Counting counting;
    private final RecordReader reader;
    private long consumed;
    private long problemOffset;

    public TraceStream(InputStream in, int bufferSize) {
        this.counting = new Counting(in);
        // Both versions are records here; btt decides which its mode accepts.
        this.reader = new RecordReader(counting, new TraceOrder(), bufferSize, true);
    }

    /** The next record into {@code r}; waits for data. */
    public Status next(TraceRecord r) {
        long before = consumed;
        RecordReader.Status status = reader.next(r, true);
        switch (status) {
            case RECORD:
                consumed += r.encodedSize();
                return Status.RECORD;
            case END:
                return Status.END;
            case UNKNOWN_ORDER:
                problemOffset = before;
                return Status.UNKNOWN_ORDER;
            case BAD_MAGIC:
                problemOffset = before;
                return Status.BAD_MAGIC;
            case BAD_VERSION:
                problemOffset = before;
                return Status.BAD_VERSION;
            default:
                problemOffset = before;
                return Status.READ_ERROR;
        }
    }

    /** Bytes of whole records read so far. */
    public long consumed() {
        return consumed;
    }

    /** Where the record of the last problem started. */
    public long problemOffset() {
        return problemOffset;
    }

    /** The magic word of a BAD_MAGIC record, the version of a BAD_VERSION one. */
    public int badValue() {
        return reader.badValue;
    }

    /** strerror text of a READ_ERROR. */
    public String error() {
        return reader.error;
    }

    /** After END: the bytes after the last whole record (a truncated record), 0 for a clean end. */
    public long leftoverBytes() {
        return counting.count - consumed;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
