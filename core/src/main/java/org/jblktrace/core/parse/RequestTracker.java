package org.jblktrace.core.parse;

import org.jblktrace.core.record.TraceRecord;

/**
 * blkparse's request tracking ({@code -t}): a per-device tree of requests by sector, fed by
 * the file-system events, that gives the elapsed-time column of I, D and C lines and the
 * longest waits of {@code -s}. Each release of blkparse tracks differently, down to what it
 * prints when the tree and the events disagree. Elapsed times are nanoseconds, -1 for none.
 */
interface RequestTracker {
    /** Q: md and dm devices (or, since 1.3.0, every device) time their requests from here. */
    void queue(TraceRecord t, DeviceState dev);

    /** G: the request's allocation. */
    void getRequest(TraceRecord t, DeviceState dev);

    /** I: the insertion, and the time since the allocation. */
    long insert(TraceRecord t, DeviceState dev);

    /** D: the dispatch, and the time since the insertion. */
    long issue(TraceRecord t, DeviceState dev);

    /** C, before it is counted and shown: 1.3.0 moves a split request's completion to its start. */
    void beforeComplete(TraceRecord t, DeviceState dev);

    /** C: the completion, and the time since the dispatch; the request is forgotten. */
    long complete(TraceRecord t, DeviceState dev);

    /** F: the request grew at its front and moves to the merged bio's sector. */
    void frontMerge(TraceRecord t, DeviceState dev);

    /** X: a split (tracked since 1.3.0, even without {@code -t}). */
    void split(TraceRecord t, DeviceState dev);

    /** blkparse frees a record here (see {@link FreedBlocks12}): 1.2.0 may make a request of its memory. */
    void recordFreed(TraceRecord r);
}
