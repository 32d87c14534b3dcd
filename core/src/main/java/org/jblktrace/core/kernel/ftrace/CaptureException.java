package org.jblktrace.core.kernel.ftrace;

/**
 * A capture failure whose message is one line meant for the user, without a stack trace, and
 * what kind of failure it is: whether another capture path may serve instead.
 */
public final class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Kind {
        /** The capture could not start or run (no root, ftrace in use, a device traced already). */
        FAILED,
        /** The kernel lacks what the ftrace path needs (no blk tracer, no tracefs). */
        UNAVAILABLE,
        /** The sink could not be opened. */
        SINK
    }

    private final Kind kind;

    public CaptureException(String message) {
        this(Kind.FAILED, message, null);
    }

    public CaptureException(String message, Throwable cause) {
        this(Kind.FAILED, message, cause);
    }

    CaptureException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The kernel lacks what the ftrace path needs. */
    static CaptureException unavailable(String message) {
        return new CaptureException(Kind.UNAVAILABLE, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The message of an I/O error, reduced to its reason (Java prefixes it with the path). */
    static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException) {
            String r = ((java.nio.file.FileSystemException) e).getReason();
            if (r != null) {
                return r;
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                return "No such file or directory";
            }
            if (e instanceof java.nio.file.AccessDeniedException) {
                return "Permission denied";
            }
        }
        return m != null ? m : e.getClass().getSimpleName();
    }
}
