package org.jblktrace.core.kernel;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The errno values the kernel interfaces tell apart (Linux numbering, identical on all
 * architectures used), and their texts. Public only because the ftrace, relay and module
 * packages share it, as do blkparse and btt for the texts of failed file operations.
 */
public final class Errno {
    private Errno() {
    }

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOTTY = 25;
    public static final int ENOSPC = 28;
    public static final int EOPNOTSUPP = 95;

    /** The C library's text for {@code errno}, e.g. {@code Device or resource busy}. */
    public static String text(int errno) {
        return LibC.INSTANCE.strerror(errno);
    }

    /** "errno/text" as blktrace prints it, e.g. {@code 16/Device or resource busy}. */
    public static String describe(int errno) {
        return errno + "/" + text(errno);
    }

    /**
     * The C library's text for a failed Java file operation, as a C tool would print it: from
     * the exception's type, or the reason in "path (reason)".
     */
    public static String text(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        if (m == null) {
            return "Input/output error";
        }
        int open = m.lastIndexOf(" (");
        if (m.endsWith(")") && open >= 0) {
            return m.substring(open + 2, m.length() - 1);
        }
        return m;
    }
}
