package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;

/**
 * An eventfd in every reader's poll set: raised once, it stays readable, so each reader's poll()
 * returns at once instead of at its next timeout.
 */
final class StopSignal {
    final int fd;
    private boolean closed;

    private StopSignal(int fd) {
        this.fd = fd;
    }

    static StopSignal open() throws RelayException {
        try {
            return new StopSignal(LibC.INSTANCE.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK));
        } catch (LastErrorException e) {
            throw new RelayException(RelayException.Reason.OTHER, e.getErrorCode(),
                    "Could not make the readers' stop eventfd: " + Errno.describe(e.getErrorCode()));
        }
    }

    /**
     * Adds 1 to the counter; nobody reads it back, so it stays readable until closed. Once closed,
     * it does nothing: the descriptor's number may belong to another file by then.
     */
    void raise() {
        if (closed) {
            return;
        }
        Memory one = new Memory(Long.BYTES);
        one.setLong(0, 1);
        try {
            LibC.INSTANCE.write(fd, one, Long.BYTES);
        } catch (LastErrorException e) {
            // Only an overflowing counter fails, and one raise cannot overflow it.
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            LibC.closeQuietly(fd);
        }
    }
}
