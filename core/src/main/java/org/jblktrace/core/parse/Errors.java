package org.jblktrace.core.parse;

import java.io.IOException;

/** Turns Java I/O exceptions into the strerror text C tools print. */
final class Errors {
    private Errors() {
    }

    /** "path (No such file or directory)" and "No such file or directory" both give the reason only. */
    static String strerror(IOException e) {
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
