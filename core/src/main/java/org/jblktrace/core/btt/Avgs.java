package org.jblktrace.core.btt;

/** The statistics btt keeps for all devices, for each device and for each process. */
final class Avgs {
    /** Indexes into {@link #latencies} of the latencies btt adds per request, through {@code Btt.update}. */
    static final int Q2A_DM = 0;
    static final int Q2C_DM = 1;
    static final int Q2A = 2;
    static final int Q2G = 3;
    static final int S2G = 4;
    static final int G2I = 5;
    static final int Q2M = 6;
    static final int I2D = 7;
    static final int M2D = 8;
    static final int D2C = 9;
    static final int Q2C = 10;

    /** An array, not a function per statistic, so that each update is a load even before the JIT compiles it. */
    final Avg[] latencies = new Avg[11];
    final Avg q2qDm = new Avg();
    final Avg q2aDm = latency(Q2A_DM);
    final Avg q2cDm = latency(Q2C_DM);
    final Avg q2q = new Avg();
    final Avg q2a = latency(Q2A);
    final Avg q2g = latency(Q2G);
    final Avg s2g = latency(S2G);
    final Avg g2i = latency(G2I);
    final Avg q2m = latency(Q2M);
    final Avg i2d = latency(I2D);
    final Avg m2d = latency(M2D);
    final Avg d2c = latency(D2C);
    final Avg q2c = latency(Q2C);
    /** Blocks per completion. */
    final Avg blks = new Avg();

    private Avg latency(int index) {
        Avg avg = new Avg();
        latencies[index] = avg;
        return avg;
    }
}
