package org.jblktrace.core.parse;

/**
 * The sequence ranges a CPU was seen to skip in pipe mode, in creation order. Arithmetic is
 * unsigned 64-bit like the reference, including its split bug that records an inverted range.
 */
final class SkipRanges {
    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int count;

    int count() {
        return count;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    /** Records [start, end], growing the newest adjacent range instead when one touches it. */
    void insert(long start, long end) {
        for (int i = count - 1; i >= 0; i--) {
            if (end == starts[i] - 1) {
                starts[i] = start;
                return;
            } else if (start == ends[i] + 1) {
                ends[i] = end;
                return;
            }
        }
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    /** Takes a late sequence number out of the range holding it; false if none does. */
    boolean fill(long seq) {
        for (int i = count - 1; i >= 0; i--) {
            if (Long.compareUnsigned(starts[i], seq) <= 0 && Long.compareUnsigned(seq, ends[i]) <= 0) {
                if (starts[i] == seq) {
                    if (ends[i] == seq) {
                        remove(i);
                    } else {
                        starts[i]++;
                    }
                } else if (ends[i] == seq) {
                    ends[i]--;
                } else {
                    // The reference shortens the range first and then passes the shortened end
                    // as the new range's end, recording [seq + 1, seq - 1].
                    ends[i] = seq - 1;
                    insert(seq + 1, ends[i]);
                }
                return true;
            }
        }
        return false;
    }

    private void remove(int i) {
        System.arraycopy(starts, i + 1, starts, i, count - i - 1);
        System.arraycopy(ends, i + 1, ends, i, count - i - 1);
        count--;
    }
}
