package org.jblktrace.trace;

/** glibc's {@code strtoul(text, NULL, 10)} for 64-bit {@code unsigned long}, as blktrace reads -b and -n. */
final class CStrtoul {
    private CStrtoul() {
    }

    /**
     * Leading white space and a sign are accepted, conversion stops at the first non-digit,
     * overflow gives all ones and a minus sign negates the result as unsigned.
     */
    static long parse(String text) {
        int i = 0;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        boolean overflow = false;
        for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            int digit = text.charAt(i) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                overflow = true;
            }
            value = value * 10 + digit;
        }
        if (overflow) {
            return -1L;
        }
        return negative ? -value : value;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
