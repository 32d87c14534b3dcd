package org.jblktrace.core.btt;

import org.jblktrace.core.record.Blk;

/** Everything btt keeps about one device (its d_info). */
final class Device {
    final int dev;
    /** The name -M gives the device, or null. */
    final String mapped;
    /** The device's part of side-file names: the mapped name or "major,minor". */
    final String handle;
    final QueueTree queue;
    final Avgs avgs = new Avgs();
    final Regions regions = new Regions();
    final IostatCounters interval = new IostatCounters();
    final IostatCounters whole = new IostatCounters();

    SeekStats q2qSeeks;
    SeekStats d2dSeeks;
    BlockNumbers blockNumbers;
    QueueDepthFile queueDepth;
    UnplugHistogram unplugs;
    PeriodicLatency q2dPeriodic;
    PeriodicLatency q2cPeriodic;
    PeriodicLatency d2cPeriodic;
    RateFiles rates;
    final ActivePeriods active = new ActivePeriods();
    QueueToIssueHistogram q2dHistogram;
    CStream q2dLatencies;
    CStream d2cLatencies;
    CStream q2cLatencies;
    CStream perIoTree;
    LatencyHistograms histograms;

    long lastQueue = -1L;
    long queues;
    long issues;
    long activeAtQueue;
    long activeTotal;
    boolean preCulling = true;
    boolean plugged;
    int plugs;
    int timerPlugs;
    long unpluggedIos;
    long timerUnpluggedIos;
    double startTime;
    double lastPlug;
    double pluggedTime;
    /** The last event's time (u64 ns), kept raw: the report converts it once. */
    long endNanos;

    Device(int dev, String mapped, boolean release13) {
        this.dev = dev;
        this.mapped = mapped;
        this.handle = mapped != null ? truncate(mapped, 255) : Blk.major(dev) + "," + Blk.minor(dev);
        this.queue = new QueueTree(release13);
    }

    /** md, device-mapper and their like: devices that remap to others. */
    static boolean isRemapper(int dev) {
        int major = Blk.major(dev);
        return major == 9 || major == 253 || major == 254;
    }

    boolean isRemapper() {
        return isRemapper(dev);
    }

    /** make_dev_hdr with parentheses, cut to {@code size - 1} characters. */
    String header(int size) {
        String h = mapped != null ? mapped : String.format("(%3d,%3d)", Blk.major(dev), Blk.minor(dev));
        return truncate(h, size - 1);
    }

    /** make_dev_hdr without parentheses, cut to {@code size - 1} characters. */
    String plainHeader(int size) {
        return truncate(handle, size - 1);
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    void unplug(double now) {
        plugged = false;
        pluggedTime += now - lastPlug;
    }
}
