package org.jblktrace.core.cli;

/** A command-line option glibc's getopt would reject; the message is its exact error line. */
public final class GetoptException extends Exception {
    private static final long serialVersionUID = 1L;

    public GetoptException(String message) {
        super(message, null, false, false);
    }
}
