package org.jblktrace.core.btt;

/** Ends a btt run early with a status and, unless null, one line for stderr. */
public final class BttExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int status;

    public BttExit(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }
}
