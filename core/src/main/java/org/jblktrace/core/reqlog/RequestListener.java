package org.jblktrace.core.reqlog;

/**
 * Receives the requests of one device from a {@link RequestSource}, in sectors of that device
 * (a partition's own, not its disk's), with the CLOCK_MONOTONIC time the kernel logged them at.
 * Calls come from one thread at a time, in the order the kernel logged them for each CPU; events
 * of different CPUs may come out of order (a completion before its issue).
 */
public interface RequestListener {
    /** A request was issued to the disk (blktrace's D). */
    void issued(long timeNs, long sector, long sectors, boolean write);

    /** A request, or its first {@code sectors}, completed (C). */
    void completed(long timeNs, long sector, long sectors, boolean write);

    /** A request went back to the queue unfinished, to be issued again (R). */
    void requeued(long timeNs, long sector, long sectors, boolean write);

    /** Events were lost (an overrun, a gap); {@code why} says which and how many, for the user. */
    void lost(String why);
}
