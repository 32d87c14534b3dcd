package org.jblktrace.core.net;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * blktrace's end-of-run statistics: per device a block of per-CPU event and KiB counts, then a
 * warning when the kernel dropped events. Printed by the tracer and by the network server.
 */
public final class TraceSummary {
    private static final int RECORD_HEADER_BYTES = 48;

    private long totalDrops;
    private long totalEvents;

    /**
     * One device's block for stdout; its counts also go into {@link #dropWarning}.
     *
     * @param bytesPerCpu bytes read per CPU, index = CPU
     * @param eventsPerCpu exact record counts, or null; a count of 0 is replaced by the estimate
     *     {@code bytes / 48}, as blktrace does
     */
    public String addDevice(String name, long[] bytesPerCpu, long[] eventsPerCpu, long drops) {
        StringBuilder text = new StringBuilder();
        text.append("=== ").append(name).append(" ===\n");
        long bytes = 0;
        long events = 0;
        for (int cpu = 0; cpu < bytesPerCpu.length; cpu++) {
            long cpuEvents = eventsPerCpu == null ? 0 : eventsPerCpu[cpu];
            if (cpuEvents == 0) {
                cpuEvents = bytesPerCpu[cpu] / RECORD_HEADER_BYTES;
            }
            text.append("  CPU").append(pad(Integer.toString(cpu), 3)).append(": ")
                    .append(pad(Long.toUnsignedString(cpuEvents), 20)).append(" events, ")
                    .append(pad(Long.toUnsignedString((bytesPerCpu[cpu] + 1023) >>> 10), 8)).append(" KiB data\n");
            bytes += bytesPerCpu[cpu];
            events += cpuEvents;
        }
        text.append("  Total:  ").append(pad(Long.toUnsignedString(events), 20)).append(" events (dropped ")
                .append(Long.toUnsignedString(drops)).append("), ")
                .append(pad(Long.toUnsignedString((bytes + 1024) >>> 10), 8)).append(" KiB data\n");
        totalDrops += drops;
        totalEvents += events + drops;
        return text.toString();
    }

    /** The dropped-events warning for stderr over all devices added, empty when nothing was dropped. */
    public String dropWarning() {
        if (totalDrops == 0) {
            return "";
        }
        double ratio = totalEvents == 0 ? 1.0 : (double) totalDrops / (double) totalEvents;
        // printf's %5.1f rounds the exact binary value half-even; BigDecimal(double) is exact.
        String percent = new BigDecimal(100.0 * ratio).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        return "\nYou have " + Long.toUnsignedString(totalDrops) + " (" + pad(percent, 5) + "%) dropped events\n"
                + "Consider using a larger buffer size (-b) and/or more buffers (-n)\n";
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value : " ".repeat(width - value.length()) + value;
    }
}
