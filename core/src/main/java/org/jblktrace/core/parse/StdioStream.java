package org.jblktrace.core.parse;

/**
 * A glibc stdio stream: bytes are appended to {@link #buffer()} and {@link #appended(int)}
 * decides, with glibc's line- or full-buffering rules, which of them C would already have
 * written to the descriptor. Those "committed" bytes are what other writers to the same
 * descriptor (another stream, stderr) must see first; the rest waits for a flush.
 */
final class StdioStream {
    /** Committed bytes kept before an actual write, so that writes stay large. */
    private static final int WRITE_THRESHOLD = 1 << 16;

    private final OutputSink sink;
    private final boolean lineBuffered;
    private final int size;
    private final TextBuffer buf;
    private int committed;
    private boolean fresh = true;

    StdioStream(OutputSink sink, boolean lineBuffered, int size) {
        this.sink = sink;
        this.lineBuffered = lineBuffered;
        this.size = size;
        this.buf = new TextBuffer(Math.max(WRITE_THRESHOLD * 2, size * 2));
    }

    static StdioStream lineBuffered(OutputSink sink, int size) {
        return new StdioStream(sink, true, size);
    }

    static StdioStream fullyBuffered(OutputSink sink, int size) {
        return new StdioStream(sink, false, size);
    }

    TextBuffer buffer() {
        return buf;
    }

    /** Applies the buffering rules to the bytes appended since length {@code start}. */
    void appended(int start) {
        int end = buf.length();
        int n = end - start;
        if (n <= 0) {
            return;
        }
        int before = committed;
        int pending = start - committed;
        int scanFrom;
        if (fresh) {
            // The first write finds no buffer yet: whole blocks go straight out.
            committed = start + (n - n % size);
            scanFrom = committed;
            fresh = false;
        } else if (pending + n <= size) {
            scanFrom = start;
        } else {
            int rest = n - (size - pending);
            committed = start + (size - pending) + (rest - rest % size);
            scanFrom = committed;
        }
        if (lineBuffered) {
            byte[] b = buf.array();
            for (int i = end - 1; i >= scanFrom; i--) {
                if (b[i] == '\n') {
                    committed = i + 1;
                    break;
                }
            }
        }
        if (committed != before) {
            sink.claim(this);
            if (committed >= WRITE_THRESHOLD) {
                writeCommitted();
            }
        }
    }

    /** Like fflush: everything buffered becomes committed. */
    void flush() {
        if (committed != buf.length()) {
            committed = buf.length();
            sink.claim(this);
        }
    }

    /** Hands committed bytes to the descriptor and keeps only the pending rest. */
    void writeCommitted() {
        if (committed == 0) {
            return;
        }
        sink.write(buf.array(), 0, committed);
        int rest = buf.length() - committed;
        System.arraycopy(buf.array(), committed, buf.array(), 0, rest);
        buf.truncate(rest);
        committed = 0;
    }
}
