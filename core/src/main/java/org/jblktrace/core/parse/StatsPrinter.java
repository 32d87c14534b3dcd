package org.jblktrace.core.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Renders blkparse's end-of-run statistics blocks into the text stream. */
final class StatsPrinter {
    private static final char[] SUFFIXES = {0, 'K', 'M', 'G', 'P'};

    private final TextBuffer out;
    private final Grouping grouping;

    StatsPrinter(TextBuffer out, Grouping grouping) {
        this.out = out;
        this.grouping = grouping;
    }

    /** size_cnv: divide by 1000 while above a million, skipping 'T'; a count gets no suffix. */
    private void size(long value, boolean kib) {
        int i = kib ? 1 : 0;
        while (Long.compareUnsigned(value, 1_000_000L) > 0 && i < SUFFIXES.length - 1) {
            i++;
            value = Long.divideUnsigned(value, 1000);
        }
        grouping.appendUnsigned(out, value, 8);
        if (i > 0) {
            out.append(SUFFIXES[i]);
        }
    }

    private void countAndKib(String label, long count, long kb, long rest) {
        out.append(label);
        size(count, false);
        out.append(", ");
        size(kb + (rest >>> 10), true);
        out.append("iB");
    }

    private void count(String label, long count) {
        out.append(label);
        size(count, false);
    }

    private void padded(String label, long value) {
        out.append(label);
        grouping.appendUnsigned(out, value, 8);
    }

    /** One block; depth lines only for CPU blocks ({@code device} not null). */
    void ioStats(DeviceState device, IoStats s, String title) {
        out.append(title).append('\n');
        countAndKib(" Reads Queued:    ", s.queued[0], s.queuedKb[0], s.queuedB[0]);
        countAndKib("\t Writes Queued:    ", s.queued[1], s.queuedKb[1], s.queuedB[1]);
        countAndKib("\n Read Dispatches: ", s.dispatched[0], s.dispatchedKb[0], s.dispatchedB[0]);
        countAndKib("\t Write Dispatches: ", s.dispatched[1], s.dispatchedKb[1], s.dispatchedB[1]);
        count("\n Reads Requeued:  ", s.requeued[0]);
        count("\t\t Writes Requeued:  ", s.requeued[1]);
        countAndKib("\n Reads Completed: ", s.completed[0], s.completedKb[0], s.completedB[0]);
        countAndKib("\t Writes Completed: ", s.completed[1], s.completedKb[1], s.completedB[1]);
        countAndKib("\n Read Merges:     ", s.merged[0], s.mergedKb[0], s.mergedB[0]);
        countAndKib("\t Write Merges:     ", s.merged[1], s.mergedKb[1], s.mergedB[1]);
        out.append('\n');
        if (device != null) {
            padded(" Read depth:      ", device.maxDepth[0] & 0xFFFFFFFFL);
            padded("        \t Write depth:      ", device.maxDepth[1] & 0xFFFFFFFFL);
            out.append('\n');
        }
        if (s.anyPc()) {
            countAndKib(" PC Reads Queued: ", s.pcQueued[0], s.pcQueuedKb[0], s.pcQueuedB[0]);
            countAndKib("\t PC Writes Queued: ", s.pcQueued[1], s.pcQueuedKb[1], s.pcQueuedB[1]);
            countAndKib("\n PC Read Disp.:   ", s.pcDispatched[0], s.pcDispatchedKb[0], s.pcDispatchedB[0]);
            countAndKib("\t PC Write Disp.:   ", s.pcDispatched[1], s.pcDispatchedKb[1], s.pcDispatchedB[1]);
            count("\n PC Reads Req.:   ", s.pcRequeued[0]);
            count("\t\t PC Writes Req.:   ", s.pcRequeued[1]);
            count("\n PC Reads Compl.: ", s.pcCompleted[0]);
            count("\t\t PC Writes Compl.: ", s.pcCompleted[1]);
            out.append('\n');
        }
        padded(" IO unplugs:      ", s.ioUnplugs);
        padded("        \t Timer unplugs:    ", s.timerUnplugs);
        out.append('\n');
    }

    /** The three wait lines of a program (microseconds). */
    void waitStats(ProgramStats p) {
        padded(" Allocation wait: ", Long.divideUnsigned(p.longestAllocationWait[0], 1000));
        padded("        \t Allocation wait:  ", Long.divideUnsigned(p.longestAllocationWait[1], 1000));
        padded("\n Dispatch wait:   ", Long.divideUnsigned(p.longestDispatchWait[0], 1000));
        padded("        \t Dispatch wait:    ", Long.divideUnsigned(p.longestDispatchWait[1], 1000));
        padded("\n Completion wait: ", Long.divideUnsigned(p.longestCompletionWait[0], 1000));
        padded("        \t Completion wait:  ", Long.divideUnsigned(p.longestCompletionWait[1], 1000));
        out.append('\n');
    }

    void throughput(long readRate, long writeRate) {
        out.append("\nThroughput (R/W): ");
        grouping.appendUnsigned(out, readRate, 0);
        out.append("KiB/s / ");
        grouping.appendUnsigned(out, writeRate, 0);
        out.append("KiB/s\n");
    }

    void events(String name, long events) {
        out.append("Events (").append(name).append("): ");
        grouping.appendUnsigned(out, events, 0);
        out.append(" entries\n");
    }

    void skips(long ranges, long skipped, double ratio) {
        out.append("Skips: ");
        grouping.appendUnsigned(out, ranges, 0);
        out.append(" forward (");
        grouping.appendUnsigned(out, skipped, 0);
        out.append(" - ").appendPadded(percent(ratio), 5, false).append("%)\n");
    }

    /** {@code %.1lf} as glibc rounds it: exactly, half to even; x86's 0/0 prints as "-nan". */
    static String percent(double ratio) {
        if (Double.isNaN(ratio)) {
            return "-nan";
        }
        if (Double.isInfinite(ratio)) {
            return ratio > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(ratio).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** C's conversion of an unsigned 64-bit value to double. */
    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        return ((v >>> 1) | (v & 1)) * 2.0;
    }
}
