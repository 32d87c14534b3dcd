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

    /** btt's range delta, with its comparison to a gap worked out once per run. */
    static final class Delta {
        private final double seconds;
        /** {@code CFormat.longestGapBelow(seconds)}: no division per event for gaps under 2^63. */
        private final long nearGap;

        Delta(double seconds) {
            this.seconds = seconds;
            this.nearGap = CFormat.longestGapBelow(seconds);
        }

        /** Whether a gap (u64 ns) is within the delta, as btt's BIT_TIME(gap) < delta says. */
        boolean covers(long gap) {
            return gap >= 0 ? gap <= nearGap : CFormat.bitTime(gap) < seconds;
        }
    }

    void update(long time, Delta delta) {
        if (count > 0) {
            int last = count - 1;
            if (Long.compareUnsigned(time, ends[last]) < 0) {
                return;
            }
            if (delta.covers(time - ends[last])) {
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
