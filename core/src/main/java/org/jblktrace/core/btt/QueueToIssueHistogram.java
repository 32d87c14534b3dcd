package org.jblktrace.core.btt;

/** -A's Q2D histogram: how long requests waited before issue, in ten buckets from 5 ms to 1 s. */
final class QueueToIssueHistogram {
    static final String[] LABELS = {"<.005", "<.010", "<.025", "<.050", "<.075", "<.100", "<.250", "<.500", "< 1.0", ">=1.0"};
    final long[] buckets = new long[10];
    long total;

    void add(long q2d) {
        long msec = (long) (CFormat.bitTime(q2d) / 0.001);
        int index;
        if (msec < 0 || msec >= 1000) {
            index = 9;
        } else if (msec >= 500) {
            index = 8;
        } else if (msec >= 250) {
            index = 7;
        } else if (msec >= 100) {
            index = 6;
        } else if (msec >= 75) {
            index = 5;
        } else if (msec >= 50) {
            index = 4;
        } else if (msec >= 25) {
            index = 3;
        } else if (msec >= 10) {
            index = 2;
        } else if (msec >= 5) {
            index = 1;
        } else {
            index = 0;
        }
        buckets[index]++;
        total++;
    }

    void addAll(QueueToIssueHistogram other) {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] += other.buckets[i];
        }
        total += other.total;
    }

    void render(StringBuilder out) {
        double n = CFormat.unsignedToDouble(total);
        for (long bucket : buckets) {
            CFormat.fixed(out, 100.0 * CFormat.unsignedToDouble(bucket) / n, 5, 1);
            out.append(' ');
        }
        out.append('\n');
    }
}
