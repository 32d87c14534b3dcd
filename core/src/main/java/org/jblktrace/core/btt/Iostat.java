package org.jblktrace.core.btt;

import org.jblktrace.core.record.TraceRecord;

/** -I: iostat-like lines per device for every -S interval, and totals at the end. */
final class Iostat {
    private final Btt btt;
    CStream out;
    long lastStamp;
    private long intervalStart = -1L;

    Iostat(Btt btt) {
        this.btt = btt;
    }

    void start() {
        if (out != null) {
            header();
        }
    }

    private void header() {
        out.print("Device:       rrqm/s   wrqm/s     r/s     w/s    rsec/s    wsec/s     rkB/s     wkB/s "
                + "avgrq-sz avgqu-sz   await   svctm  %util   Stamp\n");
    }

    /** Every event: an interval that is over is written out first. */
    void checkTime(long stamp) {
        if (out == null) {
            return;
        }
        if (intervalStart == -1L) {
            intervalStart = stamp;
        } else if (Long.compareUnsigned(stamp - intervalStart, btt.options.iostatInterval) >= 0) {
            dump(stamp, false);
            intervalStart = stamp;
        }
        lastStamp = stamp;
    }

    private static void queueSize(Device d, double now) {
        d.interval.queueSizeTotal += (now - d.interval.lastQueueChange) * d.interval.queueSize;
        d.whole.queueSizeTotal += (now - d.whole.lastQueueChange) * d.whole.queueSize;
        d.interval.lastQueueChange = now;
        d.whole.lastQueueChange = now;
    }

    private static void idleTime(Device d, double now, boolean force) {
        if (d.interval.atDevice == 0 || force) {
            d.interval.idleTime += now - d.interval.lastDeviceChange;
            d.whole.idleTime += now - d.whole.lastDeviceChange;
        }
        d.interval.lastDeviceChange = now;
        d.whole.lastDeviceChange = now;
    }

    void queueSizeChange(Device d, double now, int change) {
        queueSize(d, now);
        d.interval.queueSize += change;
        d.whole.queueSize += change;
    }

    void issue(Device d, TraceRecord r, int rw) {
        double now = CFormat.toSeconds(r.time);
        long sectors = (r.bytes & 0xFFFFFFFFL) >>> 9;
        d.interval.ios[rw]++;
        d.whole.ios[rw]++;
        d.interval.sectors[rw] += sectors;
        d.whole.sectors[rw] += sectors;
        idleTime(d, now, false);
        d.interval.atDevice++;
        d.whole.atDevice++;
    }

    void complete(Io io, Device d, long time) {
        double now = CFormat.toSeconds(time);
        long wait = 0;
        boolean waited = false;
        if (io.iTime != Io.UNSET) {
            wait = io.iTime;
            waited = true;
        } else if (io.mTime != Io.UNSET) {
            wait = io.mTime;
            waited = true;
        }
        if (waited) {
            long w = Long.compareUnsigned(wait, time) < 0 ? time - wait : 1;
            d.interval.wait += w;
            d.whole.wait += w;
        }
        queueSizeChange(d, now, -1);
        idleTime(d, now, false);
        d.interval.atDevice--;
        d.whole.atDevice--;
        long service = Long.compareUnsigned(io.time, time) < 0 ? time - io.time : 1;
        d.interval.serviceTime += service;
        d.whole.serviceTime += service;
    }

    /** btt's struct stats_t: the sums behind the TOTAL line. */
    private static final class Totals {
        double n;
        final double[] merges = new double[2];
        final double[] ios = new double[2];
        final double[] sectors = new double[2];
        double requestSize;
        double queueSize;
        double await;
        double serviceTime;
        double utilisation;
    }

    void dump(long stamp, boolean all) {
        Totals totals = new Totals();
        if (all) {
            header();
        }
        for (Device d : btt.selectedDevices()) {
            device(stamp, all, d, totals);
        }
        totals(stamp, totals, all);
        if (!all) {
            out.print("\n");
        }
    }

    private void device(long stamp, boolean all, Device d, Totals totals) {
        double now = CFormat.toSeconds(stamp);
        double dt;
        IostatCounters s;
        if (all) {
            dt = CFormat.unsignedToDouble(stamp) / 1.0e9;
            s = d.whole;
        } else {
            dt = CFormat.unsignedToDouble(stamp - intervalStart) / 1.0e9;
            s = d.interval;
        }
        double ios = CFormat.unsignedToDouble(s.ios[0] + s.ios[1]);
        double merges = CFormat.unsignedToDouble(s.merges[0] + s.merges[1]);
        idleTime(d, now, true);
        queueSize(d, now);
        double requestSize;
        double serviceTime;
        if (ios > 0.0) {
            requestSize = CFormat.unsignedToDouble(s.sectors[0] + s.sectors[1]) / ios;
            serviceTime = (1000.0 * CFormat.toSeconds(s.serviceTime)) / ios;
        } else {
            requestSize = 0.0;
            serviceTime = 0.0;
        }
        double await = (ios + merges) > 0.0 ? (1000.0 * CFormat.toSeconds(s.wait)) / (ios + merges) : 0.0;
        double utilisation = s.idleTime <= dt ? 100.0 * (1.0 - (s.idleTime / dt)) : 0.0;
        StringBuilder b = new StringBuilder(200);
        CFormat.appendFormat(b, "%-11s ", d.header(11));
        CFormat.fixed(b, CFormat.unsignedToDouble(s.merges[1]) / dt, 8, 2);
        b.append(' ');
        CFormat.fixed(b, CFormat.unsignedToDouble(s.merges[0]) / dt, 8, 2);
        b.append(' ');
        CFormat.fixed(b, CFormat.unsignedToDouble(s.ios[1]) / dt, 7, 2);
        b.append(' ');
        CFormat.fixed(b, CFormat.unsignedToDouble(s.ios[0]) / dt, 7, 2);
        b.append(' ');
        CFormat.fixed(b, CFormat.unsignedToDouble(s.sectors[1]) / dt, 9, 2);
        b.append(' ');
        CFormat.fixed(b, CFormat.unsignedToDouble(s.sectors[0]) / dt, 9, 2);
        b.append(' ');
        CFormat.fixed(b, CFormat.unsignedToDouble(Long.divideUnsigned(s.sectors[1], 2)) / dt, 9, 2);
        b.append(' ');
        CFormat.fixed(b, CFormat.unsignedToDouble(Long.divideUnsigned(s.sectors[0], 2)) / dt, 9, 2);
        b.append(' ');
        CFormat.fixed(b, requestSize, 8, 2);
        b.append(' ');
        CFormat.fixed(b, s.queueSizeTotal / dt, 8, 2);
        b.append(' ');
        CFormat.fixed(b, await, 7, 2);
        b.append(' ');
        CFormat.fixed(b, serviceTime, 7, 2);
        b.append(' ');
        CFormat.fixed(b, utilisation, 6, 2);
        if (all) {
            CFormat.appendFormat(b, "%8s\n", "TOTAL");
        } else {
            CFormat.fixed(b, CFormat.toSeconds(stamp), 8, 2);
            b.append('\n');
        }
        out.print(b);
        if (!all) {
            // Reset before the totals take their share, as btt does: an interval's TOTAL line
            // sums zeros for the counters and only averages the derived figures.
            s.reset();
        }
        totals.n += 1.0;
        for (int i = 0; i < 2; i++) {
            totals.merges[i] += CFormat.unsignedToDouble(s.merges[i]) / dt;
            totals.ios[i] += CFormat.unsignedToDouble(s.ios[i]) / dt;
            totals.sectors[i] += CFormat.unsignedToDouble(s.sectors[i]) / dt;
        }
        totals.requestSize += requestSize;
        totals.queueSize += s.queueSizeTotal / dt;
        totals.await += await;
        totals.serviceTime += serviceTime;
        totals.utilisation += utilisation;
    }

    private void totals(long stamp, Totals t, boolean all) {
        if (t.n < 2.0) {
            return;
        }
        StringBuilder b = new StringBuilder(200);
        CFormat.appendFormat(b, "%-11s ", "TOTAL");
        CFormat.fixed(b, t.merges[0], 8, 2);
        b.append(' ');
        CFormat.fixed(b, t.merges[1], 8, 2);
        b.append(' ');
        CFormat.fixed(b, t.ios[0], 7, 2);
        b.append(' ');
        CFormat.fixed(b, t.ios[1], 7, 2);
        b.append(' ');
        CFormat.fixed(b, t.sectors[0], 9, 2);
        b.append(' ');
        CFormat.fixed(b, t.sectors[1], 9, 2);
        b.append(' ');
        CFormat.fixed(b, t.sectors[0] / 2.0, 9, 2);
        b.append(' ');
        CFormat.fixed(b, t.sectors[1] / 2.0, 9, 2);
        b.append(' ');
        CFormat.fixed(b, t.requestSize / t.n, 8, 2);
        b.append(' ');
        CFormat.fixed(b, t.queueSize / t.n, 8, 2);
        b.append(' ');
        CFormat.fixed(b, t.await / t.n, 7, 2);
        b.append(' ');
        CFormat.fixed(b, t.serviceTime / t.n, 7, 2);
        b.append(' ');
        CFormat.fixed(b, t.utilisation / t.n, 6, 2);
        if (all) {
            CFormat.appendFormat(b, "%8s\n", "TOTAL");
        } else {
            CFormat.fixed(b, CFormat.toSeconds(stamp), 8, 2);
            b.append('\n');
        }
        out.print(b);
    }
}
