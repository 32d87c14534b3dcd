package org.jblktrace.core.btt;

/** btt's struct stats: iostat-like counters of a device, for one interval or the whole run. */
final class IostatCounters {
    final long[] merges = new long[2];
    final long[] ios = new long[2];
    final long[] sectors = new long[2];
    long wait;
    long serviceTime;
    double lastQueueChange;
    double lastDeviceChange;
    double queueSizeTotal;
    double idleTime;
    int queueSize;
    int atDevice;

    void reset() {
        merges[0] = 0;
        merges[1] = 0;
        ios[0] = 0;
        ios[1] = 0;
        sectors[0] = 0;
        sectors[1] = 0;
        wait = 0;
        serviceTime = 0;
        queueSizeTotal = 0.0;
        idleTime = 0.0;
    }
}
