package org.jblktrace.core.btt;

/** One latency (or size) statistic: min, max and total of u64 values and their count. */
final class Avg {
    long min;
    long max;
    long total;
    int n;

    /** btt's avg_update: the first value sets all three; later ones move min or else max. */
    void add(long t) {
        if (n++ == 0) {
            min = t;
            total = t;
            max = t;
        } else {
            if (Long.compareUnsigned(t, min) < 0) {
                min = t;
            } else if (Long.compareUnsigned(t, max) > 0) {
                max = t;
            }
            total += t;
        }
    }

    /** The average in seconds, as btt computes it when printing. */
    double average() {
        return CFormat.bitTime(total) / (double) n;
    }
}
