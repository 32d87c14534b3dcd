package org.jblktrace.core.parse;

/**
 * Ends a blkparse run early the way the reference does: the text produced so far is flushed,
 * {@link #getMessage()} (when not null) goes to stderr as one line, and the process exits with
 * {@link #status}.
 */
public final class BlkparseExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int status;

    public BlkparseExit(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }
}
