package org.jblktrace.core.btt;

/** -B: the block range of each issued request, into the read, write and combined files. */
final class BlockNumbers {
    private final CStream reads;
    private final CStream writes;
    private final CStream combined;
    private final StringBuilder line = new StringBuilder(64);

    BlockNumbers(CStream reads, CStream writes, CStream combined) {
        this.reads = reads;
        this.writes = writes;
        this.combined = combined;
    }

    void add(long time, long start, long end, boolean read) {
        line.setLength(0);
        CFormat.fixed(line, CFormat.bitTime(time), 15, 9);
        line.append(' ').append(start).append(' ').append(end).append('\n');
        CStream file = read ? reads : writes;
        if (file != null) {
            file.print(line);
        }
        if (combined != null) {
            combined.print(line);
        }
    }
}
