package org.jblktrace.core.btt;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** The strerror text a C tool would print for a failed file operation. */
final class Errno {
    private Errno() {
    }

    static String text(IOException e) {
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
