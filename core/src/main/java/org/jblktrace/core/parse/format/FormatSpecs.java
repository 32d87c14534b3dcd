package org.jblktrace.core.parse.format;

/** TEMP placeholder for the fmt helper's class so the cli branch compiles; replaced at merge. */
public final class FormatSpecs {
    private FormatSpecs() {
    }

    /** Placeholder: accepts every {@code -F} argument. */
    public static String add(String[] formats, String optarg) {
        return null;
    }

    /** Placeholder: ignores {@code -f}. */
    public static void setAll(String[] formats, String fmt) {
    }
}
