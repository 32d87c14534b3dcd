package org.jblktrace.core.reqlog;

/**
 * Receives the requests of one device from a {@link RequestSource}, in sectors of that device
 * (a partition's own, not its disk's). Calls come from one thread at a time, in the order the
 * kernel logged them for each CPU.
 */
public interface RequestListener {
    /** A request was issued to the disk (blktrace's D). */
    void issued(long sector, long sectors, boolean write);

    /** A request, or its first {@code sectors}, completed (C). */
    void completed(long sector, long sectors, boolean write);

    /** A request went back to the queue unfinished, to be issued again (R). */
    void requeued(long sector, long sectors, boolean write);

    /** Events were lost (an overrun, a gap); {@code why} says which and how many, for the user. */
    void lost(String why);
}
