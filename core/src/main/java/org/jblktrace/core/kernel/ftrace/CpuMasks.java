package org.jblktrace.core.kernel.ftrace;

import java.util.BitSet;

/** The kernel's hexadecimal CPU mask format: 32-bit groups, most significant first, comma separated. */
final class CpuMasks {
    private static final int GROUP_BITS = 32;

    private CpuMasks() {
    }

    static BitSet parse(String mask) {
        BitSet cpus = new BitSet();
        String[] groups = mask.trim().split(",");
        for (int g = 0; g < groups.length; g++) {
            long bits = Long.parseLong(groups[g].trim(), 16);
            int base = (groups.length - 1 - g) * GROUP_BITS;
            for (int bit = 0; bit < GROUP_BITS; bit++) {
                if ((bits & (1L << bit)) != 0) {
                    cpus.set(base + bit);
                }
            }
        }
        return cpus;
    }

    /** Formats {@code cpus} with at least as many groups as {@code template} has. */
    static String format(BitSet cpus, String template) {
        int groups = Math.max(template.trim().split(",").length, (cpus.length() + GROUP_BITS - 1) / GROUP_BITS);
        StringBuilder out = new StringBuilder();
        for (int g = groups - 1; g >= 0; g--) {
            long bits = 0;
            for (int bit = 0; bit < GROUP_BITS; bit++) {
                if (cpus.get(g * GROUP_BITS + bit)) {
                    bits |= 1L << bit;
                }
            }
            String hex = Long.toHexString(bits);
            if (out.length() > 0) {
                out.append(',').append("0".repeat(8 - hex.length()));
            }
            out.append(hex);
        }
        return out.toString();
    }
}
