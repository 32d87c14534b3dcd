package org.jblktrace.trace;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** blktrace's end-of-run figures: the per-device table (stdout) and the dropped-events warning. */
final class RunSummary {
    /** Header size the C tool divides by when it estimates events from bytes. */
    private static final int ESTIMATE_RECORD_SIZE = 48;

    private RunSummary() {
    }

    /**
     * The table, one block per device. Events are counted exactly in piped mode and estimated as
     * bytes/48 otherwise, like blktrace; {@code drops[device]} come from the kernel.
     */
    static String table(TraceOutput output, long[] drops, boolean exactCounts) {
        StringBuilder text = new StringBuilder();
        for (int device = 0; device < output.deviceNames().size(); device++) {
            text.append("=== ").append(output.deviceNames().get(device)).append(" ===\n");
            long events = 0;
            long bytes = 0;
            for (int cpu = 0; cpu < output.cpuCount(); cpu++) {
                long cpuBytes = output.bytes(device, cpu);
                long cpuEvents = events(output, device, cpu, exactCounts);
                text.append(String.format(Locale.ROOT, "  CPU%3d: %20d events, %8d KiB data\n",
                        cpu, cpuEvents, (cpuBytes + 1023) >> 10));
                events += cpuEvents;
                bytes += cpuBytes;
            }
            text.append(String.format(Locale.ROOT, "  Total:  %20d events (dropped %d), %8d KiB data\n",
                    events, drops[device], (bytes + 1024) >> 10));
        }
        return text.toString();
    }

    /** The stderr warning when the kernel dropped events, or "" when it did not. */
    static String dropWarning(TraceOutput output, long[] drops, boolean exactCounts) {
        long totalDrops = 0;
        long totalEvents = 0;
        for (int device = 0; device < drops.length; device++) {
            totalDrops += drops[device];
            totalEvents += drops[device];
            for (int cpu = 0; cpu < output.cpuCount(); cpu++) {
                totalEvents += events(output, device, cpu, exactCounts);
            }
        }
        if (totalDrops == 0) {
            return "";
        }
        double ratio = totalEvents == 0 ? 1.0 : (double) totalDrops / (double) totalEvents;
        return "\nYou have " + totalDrops + " (" + percent(100.0 * ratio) + "%) dropped events\n"
                + "Consider using a larger buffer size (-b) and/or more buffers (-n)\n";
    }

    /** {@code %5.1lf}: glibc rounds the exact binary value half to even. */
    static String percent(double value) {
        String digits = new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        return " ".repeat(Math.max(0, 5 - digits.length())) + digits;
    }

    private static long events(TraceOutput output, int device, int cpu, boolean exactCounts) {
        return exactCounts ? output.records(device, cpu) : output.bytes(device, cpu) / ESTIMATE_RECORD_SIZE;
    }
}
