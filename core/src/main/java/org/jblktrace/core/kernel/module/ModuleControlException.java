package org.jblktrace.core.kernel.module;

import java.io.IOException;

/** A failed operation on /dev/jblktrace, with the errno the kernel returned (0 if none). */
public final class ModuleControlException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public ModuleControlException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
