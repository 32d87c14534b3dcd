package org.jblktrace.core.parse.format;

/** The {@code -f} and {@code -F} options: which action letters may carry a custom format. */
public final class FormatSpecs {
    /** Letters {@code -F} accepts; {@code T} and {@code W} are accepted but no action uses them. */
    public static final String LETTERS = "ABCDFGIMPQRSTUWX";

    private FormatSpecs() {
    }

    /**
     * {@code -F X,fmt}: stores fmt for letter X in {@code formats} (index letter - 'A'),
     * replacing any earlier one. Returns the error line to print (exit status 1), or null.
     */
    public static String add(String[] formats, String optarg) {
        // An empty argument passes the letter check in the reference (its NUL is "found").
        if (!optarg.isEmpty() && LETTERS.indexOf(optarg.charAt(0)) < 0) {
            return "Bad format specifier " + optarg.charAt(0);
        }
        if (optarg.length() < 2 || optarg.charAt(1) != ',') {
            return "Bad format specifier - need ',' " + optarg;
        }
        formats[optarg.charAt(0) - 'A'] = optarg.substring(2);
        return null;
    }

    /** {@code -f fmt}: fmt for every letter that has no format yet. */
    public static void setAll(String[] formats, String format) {
        for (int i = 0; i < LETTERS.length(); i++) {
            int index = LETTERS.charAt(i) - 'A';
            if (formats[index] == null) {
                formats[index] = format;
            }
        }
    }
}
