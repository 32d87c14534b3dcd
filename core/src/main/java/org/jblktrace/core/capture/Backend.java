package org.jblktrace.core.capture;

import java.util.List;
import java.util.Locale;

/** Where a capture takes the kernel's block events from. */
public enum Backend {
    /** The kernel's own blktrace: BLKTRACESETUP(2) on the device and the debugfs relay files. */
    RELAY,
    /** The ftrace {@code blk} tracer, for kernels whose relay files are locked down. */
    FTRACE,
    /** The jblktrace kernel module ({@code /dev/jblktrace}), for kernels without either. */
    MODULE;

    /** What {@code auto} tries, in order. */
    public static final List<Backend> AUTO = List.of(RELAY, FTRACE, MODULE);

    /** The name users write ({@code --backend=relay}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
