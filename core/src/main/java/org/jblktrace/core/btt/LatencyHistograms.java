package org.jblktrace.core.btt;

import org.HdrHistogram.Histogram;

/**
 * The distributions behind --percentiles: Q2C, D2C, Q2D and I2D in nanoseconds, each in an
 * HdrHistogram with three significant digits (so any percentile is within 0.1% of the exact
 * one) whose size depends on the range of the values, not on how many there are.
 */
final class LatencyHistograms {
    /** The kinds, in the order the report shows them. */
    enum Kind { Q2C, D2C, Q2D, I2D }

    /** The percentiles shown, as fractions of 100. */
    static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};

    private final Histogram[] histograms = new Histogram[Kind.values().length];

    LatencyHistograms() {
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = new Histogram(3);
        }
    }

    void record(Kind kind, long nanos) {
        // Times run forward in a dump; a value that does not (crafted input) counts as zero.
        histograms[kind.ordinal()].recordValue(nanos < 0 ? 0 : nanos);
    }

    Histogram get(Kind kind) {
        return histograms[kind.ordinal()];
    }

    void addAll(LatencyHistograms other) {
        for (int i = 0; i < histograms.length; i++) {
            histograms[i].add(other.histograms[i]);
        }
    }
}
