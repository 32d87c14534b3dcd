package org.jblktrace.core.btt;

/** -Q: the number of requests a device has in flight, as steps at each issue and completion. */
final class QueueDepthFile {
    private final CStream out;
    private int active;
    private final StringBuilder line = new StringBuilder(64);

    QueueDepthFile(CStream out) {
        this.out = out;
    }

    private void step(double stamp, int from, int to) {
        line.setLength(0);
        CFormat.fixed(line, stamp, 6);
        line.append(' ').append(from).append('\n');
        CFormat.fixed(line, stamp, 6);
        line.append(' ').append(to).append('\n');
        out.print(line);
    }

    void issue(double stamp) {
        step(stamp, active, active + 1);
        active++;
    }

    void complete(double stamp) {
        if (active > 0) {
            step(stamp, active, active - 1);
            active--;
        }
    }
}
