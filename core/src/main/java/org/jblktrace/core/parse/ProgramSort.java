package org.jblktrace.core.parse;

/**
 * The order of the per-program statistics ({@code -S}, blkparse 1.3.0): by name, or ascending
 * by a total of the program's counters, where programs with equal totals keep the order in which
 * blkparse lists them (newest first).
 */
public enum ProgramSort {
    NAME('N'),
    QUEUED_KB('Q'),
    QUEUED_REQUESTS('q'),
    READ_KB('R'),
    READ_REQUESTS('r'),
    WRITE_KB('W'),
    WRITE_REQUESTS('w'),
    COMPLETED_KB('C'),
    COMPLETED_REQUESTS('c');

    private final char letter;

    ProgramSort(char letter) {
        this.letter = letter;
    }

    /** The order {@code -S} names by its argument's first letter, or null. */
    public static ProgramSort ofLetter(char letter) {
        for (ProgramSort sort : values()) {
            if (sort.letter == letter) {
                return sort;
            }
        }
        return null;
    }

    /**
     * The total this order compares. KiB totals count each byte rest in whole KiB as blkparse does;
     * request counts are C's unsigned long sums, KiB sums its unsigned long long ones: both wrap
     * at 64 bits.
     */
    long key(IoStats io) {
        return switch (this) {
            case NAME -> 0;
            case QUEUED_KB -> io.queuedKb[1] + (io.queuedB[1] >>> 10) + io.queuedKb[0] + (io.queuedB[0] >>> 10);
            case READ_KB -> io.queuedKb[0] + (io.queuedB[0] >>> 10);
            case WRITE_KB -> io.queuedKb[1] + (io.queuedB[1] >>> 10);
            case COMPLETED_KB -> io.completedKb[1] + (io.completedB[1] >>> 10) + io.completedKb[0]
                + (io.completedB[0] >>> 10);
            case QUEUED_REQUESTS -> io.queued[0] + io.queued[1];
            case READ_REQUESTS -> io.queued[0];
            case WRITE_REQUESTS -> io.queued[1];
            case COMPLETED_REQUESTS -> io.completed[0] + io.completed[1];
        };
    }
}
