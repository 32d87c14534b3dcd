package org.jblktrace.core.parse;

/** What blkparse keeps per (device, CPU): counters, events taken, sequence state, skips. */
final class CpuState {
    final int cpu;
    final IoStats io = new IoStats();
    /** Events taken off the merge for this CPU; only CPUs with some get a statistics block. */
    long taken;
    /** Last sequence accepted in pipe mode, -1 before the first. */
    long lastSequence = -1;
    final SkipRanges skips = new SkipRanges();

    CpuState(int cpu) {
        this.cpu = cpu;
    }
}
