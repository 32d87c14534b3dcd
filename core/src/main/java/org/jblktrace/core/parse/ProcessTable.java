package org.jblktrace.core.parse;

/** pid to task name, as registered by PROCESS notes (first registration wins) or placeholders. */
final class ProcessTable implements ProcessNames {
    static final String UNKNOWN = "unknown";

    private final IntMap<String> names = new IntMap<>();

    @Override
    public String nameOf(int pid) {
        return names.get(pid);
    }

    /** Registers {@code name} unless the pid already has one; returns the pid's name. */
    String register(int pid, String name) {
        String known = names.get(pid);
        if (known != null) {
            return known;
        }
        names.put(pid, name);
        return name;
    }

    /** The task name in a PROCESS payload: up to 15 bytes, cut at the first NUL. */
    static String commOf(byte[] pdu, int pduLen) {
        int limit = Math.min(pduLen, 15);
        int n = 0;
        while (n < limit && pdu[n] != 0) {
            n++;
        }
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) (pdu[i] & 0xFF);
        }
        return new String(c);
    }
}
