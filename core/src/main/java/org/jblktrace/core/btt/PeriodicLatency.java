package org.jblktrace.core.btt;

/** -L: a device's average latency of one kind over each period of the given length (btt's plat). */
final class PeriodicLatency {
    private final CStream out;
    private final double period;
    private long count;
    private double firstStamp = -1.0;
    private double lastStamp = -1.0;
    private double total = -1.0;

    PeriodicLatency(CStream out, double period) {
        this.out = out;
        this.period = period;
    }

    void add(long stamp, long latency) {
        double now = CFormat.toSeconds(stamp);
        double lat = CFormat.toSeconds(latency);
        if (firstStamp == -1.0) {
            firstStamp = now;
            lastStamp = now;
            count = 1;
            total = lat;
        } else if (now - firstStamp >= period) {
            emit();
            firstStamp = now;
            lastStamp = now;
            count = 1;
            total = lat;
        } else {
            lastStamp = now;
            count += 1;
            total += lat;
        }
    }

    private void emit() {
        double delta = lastStamp - firstStamp;
        StringBuilder b = new StringBuilder(32);
        CFormat.fixed(b, firstStamp + delta / 2, 6);
        b.append(' ');
        CFormat.fixed(b, total / count, 6);
        b.append('\n');
        out.print(b);
    }

    void finish() {
        if (firstStamp != -1.0) {
            emit();
        }
    }
}
