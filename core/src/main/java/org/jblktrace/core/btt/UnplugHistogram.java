package org.jblktrace.core.btt;

/** -u: how many requests each IO unplug released, in buckets of five (the last one open-ended). */
final class UnplugHistogram {
    static final int BUCKET_WIDTH = 5;
    static final int EXCESS_BUCKET = 20;

    final int[] buckets = new int[EXCESS_BUCKET + 1];

    void add(long released) {
        int n = (int) released;
        int index = n / BUCKET_WIDTH;
        if (index > EXCESS_BUCKET) {
            index = EXCESS_BUCKET;
        }
        // A negative count (only in crafted input) would index before the table in btt.
        if (index >= 0) {
            buckets[index]++;
        }
    }

    String render() {
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < buckets.length; i++) {
            b.append(i).append(' ').append(buckets[i]).append('\n');
        }
        return b.toString();
    }
}
