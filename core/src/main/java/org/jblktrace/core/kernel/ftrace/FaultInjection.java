package org.jblktrace.core.kernel.ftrace;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Faults the crash tests inject into a real capture, chosen by the system property
 * {@value #PROPERTY}, which nothing sets in normal use: {@code die-after-change=N} (the process
 * dies at once, as by kill -9, after its Nth settings change), {@code die-while-draining} (the
 * same once tracing is off and the readers drain) and {@code reader-error} (the reader of the
 * first CPU with a page to read throws an {@link Error}, an internal error no code path expects).
 */
final class FaultInjection {
    static final String PROPERTY = "jblktrace.test.fault";
    private static final String FAULT = System.getProperty(PROPERTY, "");
    private static final AtomicBoolean readerFailed = new AtomicBoolean();

    private FaultInjection() {
    }

    static void afterChange(int changes) {
        if (FAULT.equals("die-after-change=" + changes)) {
            die();
        }
    }

    static void whileDraining() {
        if (FAULT.equals("die-while-draining")) {
            die();
        }
    }

    static void inReader() {
        if (FAULT.equals("reader-error") && !readerFailed.getAndSet(true)) {
            throw new AssertionError("fault injected in the reader (" + PROPERTY + "=reader-error)");
        }
    }

    /** Ends the process without shutdown hooks or finally blocks, as SIGKILL does. */
    private static void die() {
        Runtime.getRuntime().halt(137);
    }
}
