package org.jblktrace.core.kernel.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/** The set of online CPUs, as listed by {@code /sys/devices/system/cpu/online} ({@code 0-3,5,8-9}). */
public final class OnlineCpus {
    public static final Path SYSFS_ONLINE = Path.of("/sys/devices/system/cpu/online");

    private final BitSet online;

    private OnlineCpus(BitSet online) {
        this.online = online;
    }

    /** Reads the system's list. */
    public static OnlineCpus read() throws IOException {
        return parse(Files.readString(SYSFS_ONLINE, StandardCharsets.US_ASCII));
    }

    /** Parses a CPU list; throws on anything that is not comma-separated numbers and ranges. */
    public static OnlineCpus parse(String list) throws IOException {
        String text = list.strip();
        if (text.isEmpty()) {
            throw new IOException("empty online CPU list");
        }
        BitSet online = new BitSet();
        for (String part : text.split(",", -1)) {
            int dash = part.indexOf('-');
            int first = number(part, dash < 0 ? part : part.substring(0, dash));
            int last = dash < 0 ? first : number(part, part.substring(dash + 1));
            if (last < first) {
                throw new IOException("bad CPU range '" + part + "'");
            }
            online.set(first, last + 1);
        }
        return new OnlineCpus(online);
    }

    private static int number(String part, String digits) throws IOException {
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IOException("bad CPU list entry '" + part + "'");
        }
        return Integer.parseInt(digits);
    }

    public boolean isOnline(int cpu) {
        return online.get(cpu);
    }

    /** Number of online CPUs. */
    public int count() {
        return online.cardinality();
    }

    /** Highest online CPU + 1: the number of per-CPU streams blktrace 2.0.0 reports. */
    public int maxCpus() {
        return online.length();
    }

    /** The online CPU numbers in increasing order. */
    public int[] toArray() {
        return online.stream().toArray();
    }
}
