package org.jblktrace.core.kernel.relay;

import java.io.IOException;
import org.jblktrace.core.kernel.Errno;

/**
 * A failure of the kernel blktrace path. The message is the one line blktrace would print; the
 * {@link Reason} lets the caller decide whether to fall back to another capture path.
 */
public final class RelayException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the kernel refused. */
    public enum Reason {
        /** EPERM opening the debugfs relay files: kernel lockdown hides them. */
        LOCKED_DOWN,
        /** EBUSY from BLKTRACESETUP: someone else already traces this device. */
        BUSY,
        /** ENOTTY: not a block device, or a kernel without blktrace. */
        NOT_SUPPORTED,
        /** ENOENT, ENXIO, ENODEV: the device or the debugfs files do not exist. */
        NOT_FOUND,
        /** EACCES, or EPERM outside the relay files: not root. */
        NOT_PERMITTED,
        /** EINVAL: bad sizes, or the trace is in the wrong state. */
        INVALID,
        /** Any other error. */
        OTHER
    }

    private final Reason reason;
    private final int errno;

    RelayException(Reason reason, int errno, String message) {
        super(message);
        this.reason = reason;
        this.errno = errno;
    }

    public Reason reason() {
        return reason;
    }

    /** The errno behind the failure. */
    public int errno() {
        return errno;
    }

    /** Classifies an errno from opening a device or issuing an ioctl on it. */
    static RelayException ofDevice(int errno, String message) {
        return new RelayException(deviceReason(errno), errno, message);
    }

    /** Classifies an errno from opening a debugfs relay file, where EPERM means lockdown. */
    static RelayException ofRelayFile(int errno, String message) {
        Reason reason = errno == Errno.EPERM ? Reason.LOCKED_DOWN : deviceReason(errno);
        return new RelayException(reason, errno, message);
    }

    private static Reason deviceReason(int errno) {
        switch (errno) {
            case Errno.EBUSY:
                return Reason.BUSY;
            case Errno.ENOTTY:
                return Reason.NOT_SUPPORTED;
            case Errno.ENOENT:
            case Errno.ENXIO:
            case Errno.ENODEV:
                return Reason.NOT_FOUND;
            case Errno.EACCES:
            case Errno.EPERM:
                return Reason.NOT_PERMITTED;
            case Errno.EINVAL:
                return Reason.INVALID;
            default:
                return Reason.OTHER;
        }
    }
}
