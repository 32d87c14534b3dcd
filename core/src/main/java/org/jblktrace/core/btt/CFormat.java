package org.jblktrace.core.btt;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The printf conversions btt's output uses, as glibc renders them: {@code %f} rounds the exact
 * binary value half-even (a fast path decides nearly every value without BigDecimal), NaN prints
 * as {@code -nan} (the x86 default NaN that C's 0.0/0.0 produces carries the sign bit), and
 * integer conversions take C's widths. {@link #format} interprets a small printf subset
 * ({@code %[-][width][.prec][l|ll](d|u|f|s|c)} and {@code %%}) for the report lines.
 */
final class CFormat {
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    private static final double TWO_POW_52 = 0x1p52;

    private CFormat() {
    }

    /** {@code %W.Pf} of {@code value}; width 0 means none, negative width pads on the right. */
    static void fixed(StringBuilder out, double value, int width, int precision) {
        int start = out.length();
        fixed(out, value, precision);
        pad(out, start, width);
    }

    /** {@code %.Pf} of {@code value}. */
    static void fixed(StringBuilder out, double value, int precision) {
        if (Double.isNaN(value)) {
            out.append("-nan");
            return;
        }
        if (Double.isInfinite(value)) {
            out.append(value > 0 ? "inf" : "-inf");
            return;
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        double magnitude = Math.abs(value);
        long scaled = roundedScaled(magnitude, precision);
        if (scaled < 0) {
            slowFixed(out, value, precision);
            return;
        }
        if (negative) {
            out.append('-');
        }
        if (precision == 0) {
            out.append(scaled);
            return;
        }
        long unit = (long) POW10[precision];
        out.append(scaled / unit).append('.');
        zeroPadded(out, scaled % unit, precision);
    }

    /**
     * {@code magnitude * 10^precision} rounded half-even as the exact value would be, or -1
     * when the double product cannot tell (too large, or too close to a half).
     */
    private static long roundedScaled(double magnitude, int precision) {
        if (precision >= POW10.length) {
            return -1;
        }
        double product = magnitude * POW10[precision];
        if (product >= TWO_POW_52) {
            return -1;
        }
        double floor = Math.floor(product);
        double fraction = product - floor;
        // The product is off by at most half an ulp; stay clear of the half by a few ulps.
        double margin = 4 * Math.ulp(product) + Double.MIN_NORMAL;
        if (Math.abs(fraction - 0.5) <= margin) {
            return -1;
        }
        return (long) floor + (fraction > 0.5 ? 1 : 0);
    }

    private static void slowFixed(StringBuilder out, double value, int precision) {
        String text = new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            if (!text.startsWith("-")) {
                out.append('-');
            }
        }
        out.append(text);
    }

    /** Pads what was appended since {@code start} to {@code width} (negative: on the right). */
    static void pad(StringBuilder out, int start, int width) {
        int len = out.length() - start;
        int abs = Math.abs(width);
        if (len >= abs) {
            return;
        }
        if (width < 0) {
            for (int i = len; i < abs; i++) {
                out.append(' ');
            }
        } else {
            out.insert(start, " ".repeat(abs - len));
        }
    }

    /** {@code %Wd}-style decimal of a long (negative width pads on the right). */
    static void integer(StringBuilder out, long value, int width) {
        int start = out.length();
        out.append(value);
        pad(out, start, width);
    }

    /** {@code %Wllu} of a 64-bit value read as unsigned. */
    static void unsigned(StringBuilder out, long value, int width) {
        int start = out.length();
        if (value >= 0) {
            out.append(value);
        } else {
            out.append(Long.toUnsignedString(value));
        }
        pad(out, start, width);
    }

    /** {@code %0Wlu}: zero-padded non-negative decimal. */
    static void zeroPadded(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /**
     * A printf subset: {@code %[-][width][.precision][l|ll]} then d or u (Number), f (Number),
     * s (String, precision truncates), c (Character); {@code %%}.
     */
    static String format(String format, Object... args) {
        StringBuilder out = new StringBuilder(format.length() + 16 * args.length);
        appendFormat(out, format, args);
        return out.toString();
    }

    static void appendFormat(StringBuilder out, String format, Object... args) {
        int arg = 0;
        int n = format.length();
        for (int i = 0; i < n; i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            c = format.charAt(++i);
            if (c == '%') {
                out.append('%');
                continue;
            }
            boolean left = false;
            if (c == '-') {
                left = true;
                c = format.charAt(++i);
            }
            int width = 0;
            while (c >= '0' && c <= '9') {
                width = width * 10 + (c - '0');
                c = format.charAt(++i);
            }
            int precision = -1;
            if (c == '.') {
                precision = 0;
                c = format.charAt(++i);
                while (c >= '0' && c <= '9') {
                    precision = precision * 10 + (c - '0');
                    c = format.charAt(++i);
                }
            }
            while (c == 'l') {
                c = format.charAt(++i);
            }
            int start = out.length();
            Object value = args[arg++];
            switch (c) {
                case 'd' -> out.append(((Number) value).longValue());
                case 'u' -> out.append(Long.toUnsignedString(((Number) value).longValue()));
                case 'f' -> fixed(out, ((Number) value).doubleValue(), precision < 0 ? 6 : precision);
                case 's' -> {
                    String s = (String) value;
                    out.append(precision >= 0 && s.length() > precision ? s.substring(0, precision) : s);
                }
                case 'c' -> out.append((char) value);
                default -> throw new IllegalArgumentException("conversion %" + c + " in " + format);
            }
            pad(out, start, left ? -width : width);
        }
    }

    /** C's {@code (double)} of an unsigned 64-bit value, rounded to nearest. */
    static double unsignedToDouble(long value) {
        if (value >= 0) {
            return value;
        }
        return ((value >>> 1) | (value & 1)) * 2.0;
    }

    /** btt's BIT_TIME: whole seconds plus the nanoseconds over 1e9, of a u64 nanosecond count. */
    static double bitTime(long nanos) {
        if (nanos >= 0) {
            return (double) (nanos / 1_000_000_000L) + (double) (nanos % 1_000_000_000L) / 1.0e9;
        }
        return unsignedToDouble(Long.divideUnsigned(nanos, 1_000_000_000L))
                + (double) Long.remainderUnsigned(nanos, 1_000_000_000L) / 1.0e9;
    }

    /**
     * The longest gap (u64 ns, under 2^63) whose BIT_TIME is below {@code seconds}, or -1 when
     * none is. BIT_TIME never falls as the gap grows, so for those gaps {@code gap <= result}
     * says exactly what {@code bitTime(gap) < seconds} says, without a division each time.
     */
    static long longestGapBelow(double seconds) {
        long low = -1;
        long high = Long.MAX_VALUE;
        while (low < high) {
            // Unsigned halving: low + high + 1 may pass Long.MAX_VALUE.
            long mid = (low + high + 1) >>> 1;
            if (bitTime(mid) < seconds) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** btt's TO_SEC: the u64 nanosecond count as a double over 1e9. */
    static double toSeconds(long nanos) {
        return unsignedToDouble(nanos) / 1.0e9;
    }

    /** {@code "%5d.%09lu"} of a u64 nanosecond time: the seconds cast to int, as btt prints them. */
    static void secondsDotNanos(StringBuilder out, long nanos, int secondsWidth) {
        int seconds = (int) Long.divideUnsigned(nanos, 1_000_000_000L);
        integer(out, seconds, secondsWidth);
        out.append('.');
        zeroPadded(out, Long.remainderUnsigned(nanos, 1_000_000_000L), 9);
    }
}
