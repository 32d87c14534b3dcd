package org.jblktrace.core.reqlog;

import java.util.List;

/**
 * The written-extent map of a period: every write issued (D) adds its range; reads and the
 * other events add nothing. Losses are counted, since the map is then incomplete. Thread-safe.
 */
public final class WrittenExtents implements RequestListener {
    private final Extents written = new Extents();
    private long losses;
    private String lastLoss;

    @Override
    public synchronized void issued(long timeNs, long sector, long sectors, boolean write) {
        if (write) {
            written.add(sector, sector + sectors);
        }
    }

    @Override
    public void completed(long timeNs, long sector, long sectors, boolean write) {
    }

    @Override
    public void requeued(long timeNs, long sector, long sectors, boolean write) {
    }

    @Override
    public synchronized void lost(String why) {
        losses++;
        lastLoss = why;
    }

    public synchronized List<Extents.Extent> extents() {
        return written.list();
    }

    public synchronized long losses() {
        return losses;
    }

    public synchronized String lastLoss() {
        return lastLoss;
    }
}
