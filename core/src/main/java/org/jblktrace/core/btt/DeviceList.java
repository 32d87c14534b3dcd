package org.jblktrace.core.btt;

import java.util.ArrayList;
import java.util.List;

/** -D's "major,minor;major,minor": read as btt's sscanf loop reads it, up to the first entry that does not scan. */
final class DeviceList {
    private DeviceList() {
    }

    static List<Integer> parse(String text) {
        List<Integer> list = new ArrayList<>();
        int p = 0;
        while (p >= 0) {
            int[] pos = {p};
            Long major = unsigned(text, pos);
            if (major == null || pos[0] >= text.length() || text.charAt(pos[0]) != ',') {
                break;
            }
            pos[0]++;
            Long minor = unsigned(text, pos);
            if (minor == null) {
                break;
            }
            list.add((int) ((major << 20) | minor));
            int semi = text.indexOf(';', p);
            p = semi < 0 ? -1 : semi + 1;
        }
        return list;
    }

    /** sscanf's %u at pos[0]: white space, a sign, digits; the value wraps to 32 bits. */
    private static Long unsigned(String text, int[] pos) {
        int i = pos[0];
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long v = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            v = v * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == digits) {
            return null;
        }
        pos[0] = i;
        return (negative ? -v : v) & 0xFFFFFFFFL;
    }
}
