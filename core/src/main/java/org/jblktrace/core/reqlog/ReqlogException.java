package org.jblktrace.core.reqlog;

import java.io.IOException;

/** A request log, migration or map failure, as one line for the user. */
public final class ReqlogException extends IOException {
    private static final long serialVersionUID = 1L;

    public ReqlogException(String message) {
        super(message);
    }

    public ReqlogException(String message, Throwable cause) {
        super(message, cause);
    }
}
