package org.jblktrace.core.btt;

/** A process as btt knows it: by pid, and by name (processes sharing a name share one entry). */
final class ProcessInfo {
    final int pid;
    final String name;
    final Avgs avgs = new Avgs();
    final Regions regions = new Regions();
    long lastQueue = -1L;
    /** Q2C, D2C, Q2D and I2D distributions when percentiles are asked for, else null. */
    LatencyHistograms histograms;

    ProcessInfo(int pid, String name) {
        this.pid = pid;
        this.name = name;
    }
}
