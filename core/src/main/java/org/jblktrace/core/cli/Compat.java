package org.jblktrace.core.cli;

import java.util.Map;

/**
 * Which release of Debian's blktrace package a tool reproduces: {@code --compat=1.2|1.3}, or
 * {@code JBLKTRACE_COMPAT} in the environment for scripts (btrace) that cannot pass the option.
 * Without either a tool is {@link #CURRENT}: 1.3.0 plus what upstream added since (version 8
 * records).
 */
public enum Compat {
    /** blktrace 1.2.0 (Debian 12, Ubuntu 24.04): version 7 only. */
    V1_2("1.2"),
    /** blktrace 1.3.0 (Debian 13, Fedora, openSUSE): version 7 only. */
    V1_3("1.3"),
    /** 1.3.0 and upstream since: version 8 records with zone actions. */
    CURRENT(null);

    /** The environment variable that sets the default. */
    public static final String ENVIRONMENT = "JBLKTRACE_COMPAT";

    /** The release as written after {@code --compat=}, null for {@link #CURRENT}. */
    public final String release;

    Compat(String release) {
        this.release = release;
    }

    /** The name of the command-line option, written {@code --compat=1.2} or {@code --compat 1.2}. */
    public static final String OPTION = "compat";

    /** Whether version 8 records are read (and, for capture, asked of the kernel by default). */
    public boolean acceptsVersion8() {
        return this == CURRENT;
    }

    /** The mode a {@code --compat} argument names, or null when it names none. */
    public static Compat ofRelease(String release) {
        for (Compat compat : values()) {
            if (compat.release != null && compat.release.equals(release)) {
                return compat;
            }
        }
        return null;
    }

    /**
     * The mode a run asks for: the {@code --compat} value when the command line gave one (the
     * last one counts), else the environment's.
     *
     * @param option      the {@code --compat} argument, or null when there was none
     * @throws IllegalArgumentException with the one line to print, for a value that names no mode
     */
    public static Compat select(String option, Map<String, String> environment) {
        if (option == null) {
            return fromEnvironment(environment);
        }
        Compat compat = ofRelease(option);
        if (compat == null) {
            throw new IllegalArgumentException("--" + OPTION + " must be 1.2 or 1.3, not '" + option + "'");
        }
        return compat;
    }

    /**
     * The mode the environment asks for: {@link #CURRENT} when {@value #ENVIRONMENT} is unset or
     * empty.
     *
     * @throws IllegalArgumentException with the message to print, for any other value
     */
    public static Compat fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT);
        if (value == null || value.isEmpty()) {
            return CURRENT;
        }
        Compat compat = ofRelease(value);
        if (compat == null) {
            throw new IllegalArgumentException(ENVIRONMENT + " must be 1.2 or 1.3, not '" + value + "'");
        }
        return compat;
    }
}
