package org.jblktrace.core.parse.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code -f}/{@code -F} format string parsed once into steps: literal bytes, fields with
 * width and alignment, and a failing step for an invalid escape (the reference only fails
 * when it reaches the escape while printing, after the text in front of it).
 */
final class FormatProgram {
    enum Kind { LITERAL, FIELD, BAD_ESCAPE }

    static final class Step {
        final Kind kind;
        final byte[] literal;
        /** Field letter as a byte value. */
        final int field;
        final int width;
        final boolean leftAlign;
        final String failure;

        private Step(Kind kind, byte[] literal, int field, int width, boolean leftAlign, String failure) {
            this.kind = kind;
            this.literal = literal;
            this.field = field;
            this.width = width;
            this.leftAlign = leftAlign;
            this.failure = failure;
        }
    }

    /** Default width of {@code %t}, which is always zero padded. */
    static final int NANOS_WIDTH = 9;

    /** The charset the JVM decoded the command line with, so that encoding gives back the original bytes. */
    private static final Charset ARGUMENT_CHARSET = argumentCharset();

    final Step[] steps;

    private FormatProgram(Step[] steps) {
        this.steps = steps;
    }

    static FormatProgram compile(String format) {
        byte[] f = format.getBytes(ARGUMENT_CHARSET);
        int n = 0;
        while (n < f.length && f[n] != 0) {
            n++; // a C string ends at its first NUL
        }
        List<Step> steps = new ArrayList<>();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int i = 0;
        while (i < n) {
            byte b = f[i];
            if (b == '%') {
                i++;
                if (i == n || f[i] == '%') {
                    text.write('%');
                    i++;
                    continue;
                }
                boolean left = false;
                if (f[i] == '-') {
                    left = true;
                    i++;
                }
                boolean hasWidth = false;
                int width = 0;
                while (i < n && isDigit(f[i])) {
                    hasWidth = true;
                    width = width * 10 + (f[i++] - '0'); // wraps like the reference's int
                }
                if (i == n) {
                    break;
                }
                flushText(text, steps);
                steps.add(field(f[i++] & 0xFF, left, hasWidth, width));
            } else if (b == '\\') {
                int escaped = i + 1 < n ? f[i + 1] & 0xFF : 0;
                int control = controlChar(escaped);
                if (control < 0) {
                    flushText(text, steps);
                    steps.add(new Step(Kind.BAD_ESCAPE, null, 0, 0, false,
                        "Invalid escape char in format " + (char) escaped));
                    return new FormatProgram(steps.toArray(new Step[0]));
                }
                text.write(control);
                i += 2;
            } else {
                text.write(b);
                i++;
            }
        }
        flushText(text, steps);
        return new FormatProgram(steps.toArray(new Step[0]));
    }

    private static Step field(int letter, boolean left, boolean hasWidth, int width) {
        if (letter == 't') {
            int w = hasWidth ? width : NANOS_WIDTH;
            // '-' is ignored (zero padding), unless a wrapped width turned negative.
            return new Step(Kind.FIELD, null, letter, Math.abs(w), w < 0, null);
        }
        if (!hasWidth) {
            return new Step(Kind.FIELD, null, letter, 0, false, null);
        }
        // A negative width (after wrapping) left-aligns, as printf does with "%-N".
        return new Step(Kind.FIELD, null, letter, Math.abs(width), left || width < 0, null);
    }

    private static int controlChar(int escaped) {
        switch (escaped) {
            case 'b':
                return '\b';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                return -1;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static void flushText(ByteArrayOutputStream text, List<Step> steps) {
        if (text.size() > 0) {
            steps.add(new Step(Kind.LITERAL, text.toByteArray(), 0, 0, false, null));
            text.reset();
        }
    }

    private static Charset argumentCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
