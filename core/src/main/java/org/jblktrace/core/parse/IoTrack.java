package org.jblktrace.core.parse;

/** One request tracked by blkparse 1.2.0 ({@code -t}): who created it and when it passed each stage. */
final class IoTrack {
    int creatorPid;
    long sector;
    long allocationTime;
    long queueTime;
    long dispatchTime;
    long completionTime;
}
