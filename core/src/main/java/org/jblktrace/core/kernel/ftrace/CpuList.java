package org.jblktrace.core.kernel.ftrace;

import java.util.BitSet;

/** The kernel's CPU list format ({@code 0-3,5,7-8}) used by {@code /sys/devices/system/cpu/online}. */
final class CpuList {
    private CpuList() {
    }

    static BitSet parse(String list) {
        BitSet cpus = new BitSet();
        String trimmed = list.trim();
        if (trimmed.isEmpty()) {
            return cpus;
        }
        for (String range : trimmed.split(",")) {
            int dash = range.indexOf('-');
            if (dash < 0) {
                cpus.set(Integer.parseInt(range.trim()));
            } else {
                cpus.set(Integer.parseInt(range.substring(0, dash).trim()), Integer.parseInt(range.substring(dash + 1).trim()) + 1);
            }
        }
        return cpus;
    }
}
