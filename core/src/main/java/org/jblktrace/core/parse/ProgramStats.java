package org.jblktrace.core.parse;

/** Per-program statistics ({@code -s}): counters plus the longest waits seen with {@code -t}. */
final class ProgramStats {
    final int pid;
    final String name;
    boolean sharedByPids;
    final IoStats io = new IoStats();
    final long[] longestAllocationWait = new long[2];
    final long[] longestDispatchWait = new long[2];
    final long[] longestCompletionWait = new long[2];

    ProgramStats(int pid, String name) {
        this.pid = pid;
        this.name = name;
    }
}
