package org.jblktrace.core.cli;

import java.util.OptionalInt;

/**
 * The C library's number conversions as the blktrace tools use them on option arguments
 * ({@code atoi}, {@code strtoul}, {@code sscanf("%x")}, {@code strtod}, double to
 * {@code unsigned long long}),
 * including how they treat junk, overflow and signs, so our tools accept the same values.
 * Everything follows the "C" locale, which is in force while the tools read their options.
 */
public final class CNumbers {
    private CNumbers() {
    }

    /** Result of {@link #strtod}: the value and the index just past the text it used. */
    public record ParsedDouble(double value, int end) {
    }

    private static final double TWO_POW_63 = 0x1p63;

    /** {@code atoi}: glibc's {@code (int) strtol(s, NULL, 10)}; overflow saturates the long, then the cast wraps. */
    public static int atoi(String text) {
        int i = skipSpace(text, 0);
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long magnitude = 0;
        boolean overflow = false;
        for (; i < text.length() && isDigit(text.charAt(i)); i++) {
            int digit = text.charAt(i) - '0';
            // Accumulate negatively so that Long.MIN_VALUE itself is representable.
            if (magnitude < (Long.MIN_VALUE + digit) / 10) {
                overflow = true;
            } else {
                magnitude = magnitude * 10 - digit;
            }
        }
        long value;
        if (overflow) {
            value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (negative) {
            value = magnitude;
        } else {
            value = magnitude == Long.MIN_VALUE ? Long.MAX_VALUE : -magnitude;
        }
        return (int) value;
    }

    /**
     * glibc's {@code strtoul(text, NULL, 10)} for 64-bit {@code unsigned long}: leading white
     * space and a sign are accepted, conversion stops at the first non-digit, overflow gives all
     * ones and a minus sign negates the result as unsigned.
     */
    public static long strtoul(String text) {
        int i = skipSpace(text, 0);
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        boolean overflow = false;
        for (; i < text.length() && isDigit(text.charAt(i)); i++) {
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

    /**
     * {@code sscanf(text, "%x", &unsigned)}: leading white space, a sign, an optional {@code 0x};
     * the value wraps to 32 bits, a negative one is negated as unsigned, and overflow beyond
     * 64 bits gives all ones. Empty when nothing converts; trailing text is ignored.
     */
    public static OptionalInt scanHex(String text) {
        int i = skipSpace(text, 0);
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        boolean sawDigit = false;
        if (i + 1 < text.length() && text.charAt(i) == '0' && toLowerAscii(text.charAt(i + 1)) == 'x') {
            // glibc counts the consumed "0" even when no hex digit follows the "x".
            sawDigit = true;
            i += 2;
        }
        long value = 0;
        boolean overflow = false;
        for (; i < text.length() && isHexDigit(text.charAt(i)); i++) {
            sawDigit = true;
            if (Long.compareUnsigned(value, 0x0FFF_FFFF_FFFF_FFFFL) > 0) {
                overflow = true;
            }
            value = (value << 4) | Character.digit(text.charAt(i), 16);
        }
        if (!sawDigit) {
            return OptionalInt.empty();
        }
        if (overflow) {
            value = -1L;
        } else if (negative) {
            value = -value;
        }
        return OptionalInt.of((int) value);
    }

    /**
     * {@code strtod(text + from, &end)}: decimal and hexadecimal forms, {@code inf},
     * {@code infinity} and {@code nan(...)}. When nothing converts, the end is {@code from}.
     */
    public static ParsedDouble strtod(String text, int from) {
        int i = skipSpace(text, from);
        int signEnd = i;
        boolean negative = false;
        if (signEnd < text.length() && (text.charAt(signEnd) == '+' || text.charAt(signEnd) == '-')) {
            negative = text.charAt(signEnd) == '-';
            signEnd++;
        }
        ParsedDouble unsigned = unsignedFloat(text, signEnd);
        if (unsigned == null) {
            return new ParsedDouble(0.0, from);
        }
        return negative ? new ParsedDouble(-unsigned.value(), unsigned.end()) : unsigned;
    }

    /**
     * C's {@code (unsigned long long) d} as gcc compiles it for x86-64: values from 2^63 up are
     * converted after subtracting 2^63; anything the 64-bit truncating instruction cannot
     * represent (NaN, infinities, out of range) becomes its "indefinite" value 2^63 first.
     */
    public static long doubleToUnsignedLong(double value) {
        if (value >= TWO_POW_63) {
            return truncateLikeX86(value - TWO_POW_63) ^ Long.MIN_VALUE;
        }
        return truncateLikeX86(value);
    }

    private static long truncateLikeX86(double value) {
        if (Double.isNaN(value) || value >= TWO_POW_63 || value < -TWO_POW_63) {
            return Long.MIN_VALUE;
        }
        return (long) value;
    }

    private static ParsedDouble unsignedFloat(String text, int start) {
        if (startsWithIgnoreCase(text, start, "inf")) {
            int end = startsWithIgnoreCase(text, start, "infinity") ? start + 8 : start + 3;
            return new ParsedDouble(Double.POSITIVE_INFINITY, end);
        }
        if (startsWithIgnoreCase(text, start, "nan")) {
            return new ParsedDouble(Double.NaN, afterNanPayload(text, start + 3));
        }
        if (start + 1 < text.length() && text.charAt(start) == '0' && toLowerAscii(text.charAt(start + 1)) == 'x') {
            ParsedDouble hex = hexFloat(text, start + 2);
            if (hex != null) {
                return hex;
            }
        }
        return decimalFloat(text, start);
    }

    /** {@code nan(chars)} takes the parenthesised part only when it is closed. */
    private static int afterNanPayload(String text, int afterNan) {
        if (afterNan >= text.length() || text.charAt(afterNan) != '(') {
            return afterNan;
        }
        int i = afterNan + 1;
        while (i < text.length() && (isAsciiLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i < text.length() && text.charAt(i) == ')' ? i + 1 : afterNan;
    }

    private static ParsedDouble decimalFloat(String text, int start) {
        int i = start;
        int digits = 0;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        int end = exponentEnd(text, i, 'e');
        return new ParsedDouble(Double.parseDouble(text.substring(start, end)), end);
    }

    /** Hex digits after "0x"; null when none follow, so that strtod takes just the "0". */
    private static ParsedDouble hexFloat(String text, int start) {
        int i = start;
        StringBuilder mantissa = new StringBuilder("0x");
        int digits = 0;
        while (i < text.length() && isHexDigit(text.charAt(i))) {
            mantissa.append(text.charAt(i++));
            digits++;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            mantissa.append('.');
            i++;
            while (i < text.length() && isHexDigit(text.charAt(i))) {
                mantissa.append(text.charAt(i++));
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        int end = exponentEnd(text, i, 'p');
        // Java requires the binary exponent; clamping keeps huge ones parseable with the same result.
        long exponent = end == i ? 0 : clampedExponent(text, i + 1, end);
        double value = Double.parseDouble(mantissa.append('p').append(exponent).toString());
        return new ParsedDouble(value, end);
    }

    /** End of an optional exponent part starting at {@code i}; it counts only with at least one digit. */
    private static int exponentEnd(String text, int i, char marker) {
        if (i >= text.length() || toLowerAscii(text.charAt(i)) != marker) {
            return i;
        }
        int j = i + 1;
        if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
            j++;
        }
        int digitsStart = j;
        while (j < text.length() && isDigit(text.charAt(j))) {
            j++;
        }
        return j > digitsStart ? j : i;
    }

    private static long clampedExponent(String text, int from, int end) {
        boolean negative = text.charAt(from) == '-';
        int i = text.charAt(from) == '+' || negative ? from + 1 : from;
        long value = 0;
        for (; i < end; i++) {
            value = Math.min(value * 10 + (text.charAt(i) - '0'), 100_000);
        }
        return negative ? -value : value;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        char lower = toLowerAscii(c);
        return isDigit(c) || (lower >= 'a' && lower <= 'f');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        char lower = toLowerAscii(c);
        return isDigit(c) || (lower >= 'a' && lower <= 'z');
    }

    /** Case folding of the "C" locale: only A-Z change (Java's own folding also maps non-ASCII letters). */
    static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean startsWithIgnoreCase(String text, int at, String lowerCaseWord) {
        if (at + lowerCaseWord.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseWord.length(); i++) {
            if (toLowerAscii(text.charAt(at + i)) != lowerCaseWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
