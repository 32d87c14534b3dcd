package org.jblktrace.core.parse;

/**
 * glibc's strverscmp on byte strings (chars 0..255): digit runs compare as numbers, and runs
 * with leading zeros as fractional parts ("dd9" &lt; "dd10", "a01" &lt; "a1").
 */
final class VersionOrder {
    private VersionOrder() {
    }

    // Scanner states; each is a multiple of 3 so that "state + class of char" indexes the tables.
    private static final int PLAIN = 0;
    private static final int INTEGRAL = 3;
    private static final int FRACTION = 6;
    private static final int LEADING_ZEROS = 9;

    /** Next state after an equal char, indexed by state + class (0 other, 1 digit 1-9, 2 zero). */
    private static final int[] NEXT = {
        PLAIN, INTEGRAL, LEADING_ZEROS,
        PLAIN, INTEGRAL, INTEGRAL,
        PLAIN, FRACTION, FRACTION,
        PLAIN, FRACTION, LEADING_ZEROS,
    };

    private static final int BY_CHAR = 2;
    private static final int BY_LENGTH = 3;

    /** How to decide at the first difference, indexed by (state + class1) * 3 + class2. */
    private static final int[] DECIDE = {
        BY_CHAR, BY_CHAR, BY_CHAR, BY_CHAR, BY_LENGTH, BY_CHAR, BY_CHAR, BY_CHAR, BY_CHAR,
        BY_CHAR, -1, -1, +1, BY_LENGTH, BY_LENGTH, +1, BY_LENGTH, BY_LENGTH,
        BY_CHAR, BY_CHAR, BY_CHAR, BY_CHAR, BY_CHAR, BY_CHAR, BY_CHAR, BY_CHAR, BY_CHAR,
        BY_CHAR, +1, +1, -1, BY_CHAR, BY_CHAR, -1, BY_CHAR, BY_CHAR,
    };

    static int compare(String a, String b) {
        int i = 0;
        int c1 = at(a, i);
        int c2 = at(b, i);
        int state = PLAIN + kind(c1);
        while (c1 == c2) {
            if (c1 == 0) {
                return 0;
            }
            state = NEXT[state];
            i++;
            c1 = at(a, i);
            c2 = at(b, i);
            state += kind(c1);
        }
        int decision = DECIDE[state * 3 + kind(c2)];
        if (decision == BY_CHAR) {
            return c1 - c2;
        }
        if (decision != BY_LENGTH) {
            return decision;
        }
        // The longer digit run is the bigger number; equal lengths fall back to the first difference.
        int j = i + 1;
        while (isDigit(at(a, j))) {
            if (!isDigit(at(b, j))) {
                return 1;
            }
            j++;
        }
        return isDigit(at(b, j)) ? -1 : c1 - c2;
    }

    private static int at(String s, int i) {
        return i < s.length() ? s.charAt(i) & 0xFF : 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int kind(int c) {
        return c == '0' ? 2 : isDigit(c) ? 1 : 0;
    }
}
