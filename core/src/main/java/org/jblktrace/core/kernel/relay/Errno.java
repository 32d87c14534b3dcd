package org.jblktrace.core.kernel.relay;

/** The errno values the capture tells apart (Linux numbering, identical on all architectures used). */
final class Errno {
    private Errno() {
    }

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;

    /** "errno/text" as blktrace prints it, e.g. {@code 16/Device or resource busy}. */
    static String describe(int errno) {
        return errno + "/" + LibC.INSTANCE.strerror(errno);
    }
}
