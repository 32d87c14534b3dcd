package org.jblktrace.core.btt;

import java.util.Arrays;

/**
 * Activity periods (btt's q or c ranges): a time extends the last period when it comes within
 * the range delta of its end, and otherwise opens a new one.
 */
final class Ranges {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int count;

    /** {@code nearGap} is {@code CFormat.longestGapBelow(rangeDelta)}, worked out once per run. */
    void update(long time, double rangeDelta, long nearGap) {
        if (count > 0) {
            int last = count - 1;
            if (Long.compareUnsigned(time, ends[last]) < 0) {
                return;
            }
            long gap = time - ends[last];
            if (gap >= 0 ? gap <= nearGap : CFormat.bitTime(gap) < rangeDelta) {
                ends[last] = time;
                return;
            }
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = time;
        ends[count] = time;
        count++;
    }

    int count() {
        return count;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }
}
