package org.jblktrace.core.kernel.ftrace;

/** Figures from a tracefs {@code per_cpu/cpuN/stats} file. */
final class RingBufferStats {
    /** Events still in the buffer, not yet read. */
    final long entries;
    /** Events lost: overwritten (overwrite mode), lost to nested writers, or refused because the buffer was full. */
    final long lost;

    private RingBufferStats(long entries, long lost) {
        this.entries = entries;
        this.lost = lost;
    }

    static RingBufferStats parse(String text) {
        return new RingBufferStats(field(text, "entries"),
            field(text, "overrun") + field(text, "commit overrun") + field(text, "dropped events"));
    }

    /** The number after {@code name:} at the start of a line, 0 if absent. */
    static long field(String text, String name) {
        String key = name + ":";
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                try {
                    return Long.parseLong(line.substring(key.length()).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
