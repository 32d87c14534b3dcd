package org.jblktrace.trace;

/** Ends the command with an exit status, after printing the message (if any) on stderr. */
final class BlktraceExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;

    BlktraceExit(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }
}
