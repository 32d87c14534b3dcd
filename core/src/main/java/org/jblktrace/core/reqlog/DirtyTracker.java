package org.jblktrace.core.reqlog;


/**
 * The sectors of a device that a copy has yet to (re)copy, kept from its write requests.
 *
 * <p>The invariant a migration rests on: a written range stays dirty from the write's issue
 * until a copy that began after the write completed. Both the issue (D) and the completion (C)
 * of a write mark its range dirty, and {@link #copyStarting} takes a range out only when its
 * copy begins. A copy that begins before the completion is seen is therefore followed by the
 * completion, which marks the range again; events that arrive late only mark it again later.
 * A requeue marks it too. A loss marks the whole device. The sectors of writes issued and not
 * yet seen completing are counted as well ({@link InFlight}), so that a migration does not end
 * while one is in flight, until a loss makes that count unknowable; the kernel's own count of
 * writes in flight, which the migration also asks, then stands alone.
 *
 * <p>All methods are thread-safe; events come from the source's thread, copies from another.
 */
public final class DirtyTracker implements RequestListener {

    private final long deviceSectors;
    private final Extents dirty = new Extents();
    private final InFlight inFlight = new InFlight();
    private long writeEvents;
    private long losses;
    private String lastLoss;
    private boolean woken;
    /** Whether every issue and completion has been seen since tracking began. */
    private boolean inFlightKnown = true;

    public DirtyTracker(long deviceSectors) {
        this.deviceSectors = deviceSectors;
    }

    /** Marks the whole device: nothing of it is copied yet. */
    public synchronized void markAll() {
        dirty.add(0, deviceSectors);
    }

    private void mark(long sector, long sectors) {
        dirty.add(Math.max(0, sector), Math.min(deviceSectors, sector + sectors));
        writeEvents++;
        notifyAll();
    }

    @Override
    public synchronized void issued(long timeNs, long sector, long sectors, boolean write) {
        if (write && sectors > 0) {
            mark(sector, sectors);
            inFlight.add(sector, sector + sectors, 1);
        }
    }

    @Override
    public synchronized void completed(long timeNs, long sector, long sectors, boolean write) {
        if (write && sectors > 0) {
            mark(sector, sectors);
            inFlight.add(sector, sector + sectors, -1);
        }
    }

    @Override
    public synchronized void requeued(long timeNs, long sector, long sectors, boolean write) {
        completed(timeNs, sector, sectors, write);
    }

    /**
     * Every event logged until now has arrived (the source passed a barrier): completions that
     * matched no issue are of writes issued before tracking began, and are forgotten.
     */
    public synchronized void settled() {
        inFlight.forgetUnmatchedCompletions();
    }

    /**
     * Everything may have been written without our knowing: all of the device is dirty, and the
     * writes in flight are unknown from now on (the caller's check of the kernel's count covers
     * them).
     */
    @Override
    public synchronized void lost(String why) {
        dirty.add(0, deviceSectors);
        inFlight.clear();
        inFlightKnown = false;
        losses++;
        lastLoss = why;
        writeEvents++;
        notifyAll();
    }

    /** A copy of {@code [start, end)} begins now: the range is clean unless written again. */
    public synchronized void copyStarting(long start, long end) {
        dirty.remove(start, end);
    }

    /** The first dirty extent that ends after {@code sector}, clipped to start there; null if none. */
    public synchronized Extents.Extent nextDirty(long sector) {
        return dirty.from(sector);
    }

    public synchronized long dirtySectors() {
        return dirty.total();
    }

    /**
     * Sectors with a write in flight as the events tell; 0 once events were lost, since an issue
     * whose completion was lost would then count for ever (the kernel's own count then decides).
     */
    public synchronized long sectorsInFlight() {
        return inFlightKnown ? inFlight.sectors() : 0;
    }

    /** Nothing dirty and no write in flight. */
    public synchronized boolean isClean() {
        return dirty.isEmpty() && sectorsInFlight() == 0;
    }

    /** Write events and losses seen so far; it grows with every one. */
    public synchronized long events() {
        return writeEvents;
    }

    public synchronized long losses() {
        return losses;
    }

    /** The last loss's description, or null. */
    public synchronized String lastLoss() {
        return lastLoss;
    }

    /** Waits until {@link #events()} exceeds {@code seen}, or the time is up, or a {@link #wake}. */
    public synchronized void awaitEvents(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long left = timeoutMillis;
        while (writeEvents <= seen && left > 0) {
            wait(left);
            left = (deadline - System.nanoTime()) / 1_000_000;
            if (woken) {
                break;
            }
        }
        woken = false;
    }

    /** Ends a wait in {@link #awaitEvents} early (a stop request). */
    public synchronized void wake() {
        woken = true;
        notifyAll();
    }
}
