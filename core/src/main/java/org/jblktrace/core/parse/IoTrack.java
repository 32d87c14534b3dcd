package org.jblktrace.core.parse;

/** One tracked request ({@code -t}): who created it and when it passed each stage (0 = never). */
final class IoTrack {
    int creatorPid;
    long sector;
    long allocationTime;
    long queueTime;
    long dispatchTime;
    long completionTime;
}
