package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.concurrent.Phaser;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;

/**
 * An eventfd in every reader's poll set: raised once, it stays readable, so each reader's poll()
 * returns at once instead of at its next timeout. With it goes the handshake that keeps the
 * readers out of read() while the kernel flushes: each reader {@link #park parks} once it has
 * left its read loop, and drains only after {@link #release}.
 */
final class StopSignal {
    final int fd;
    /** The readers and the stopping thread; phase 0 ends when all are out of read(), phase 1 at the release. */
    private final Phaser handshake;

    private StopSignal(int fd, int readers) {
        this.fd = fd;
        this.handshake = new Phaser(readers + 1);
    }

    /** A signal for {@code readers} readers, each of which must {@link #park} or {@link #leave}. */
    static StopSignal open(int readers) throws RelayException {
        try {
            return new StopSignal(LibC.INSTANCE.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK), readers);
        } catch (LastErrorException e) {
            throw new RelayException(RelayException.Reason.OTHER, e.getErrorCode(),
                    "Could not make the readers' stop eventfd: " + Errno.describe(e.getErrorCode()));
        }
    }

    /** Adds 1 to the counter; nobody reads it back, so it stays readable until closed. */
    void raise() {
        Memory one = new Memory(Long.BYTES);
        one.setLong(0, 1);
        try {
            LibC.INSTANCE.write(fd, one, Long.BYTES);
        } catch (LastErrorException e) {
            // Only an overflowing counter fails, and one raise cannot overflow it.
        }
    }

    /** A reader out of its read loop: parks until {@link #release}. */
    void park() {
        handshake.arriveAndAwaitAdvance();
        handshake.arriveAndAwaitAdvance();
    }

    /** A reader that ends without draining (its sink failed) no longer takes part. */
    void leave() {
        handshake.arriveAndDeregister();
    }

    /** Waits until every reader has parked or left: none is inside read() any more. */
    void awaitParked() {
        handshake.arriveAndAwaitAdvance();
    }

    /** Lets the parked readers drain. */
    void release() {
        handshake.arrive();
    }

    void close() {
        LibC.closeQuietly(fd);
    }
}
