package org.jblktrace.core.reqlog;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.jblktrace.core.kernel.Errno;

/**
 * An open /dev/reqlog: enable or disable logging, read records, ask for the status. One handle
 * serves one thread at a time.
 */
public final class Reqlog implements AutoCloseable {
    private static final int POLLFD_SIZE = 8;

    private final String path;
    private final ByteBuffer status = ByteBuffer.allocateDirect(ReqlogAbi.STATUS_SIZE).order(ByteOrder.nativeOrder());
    private final ByteBuffer pollFd = ByteBuffer.allocateDirect(POLLFD_SIZE).order(ByteOrder.nativeOrder());
    private int fd;

    private Reqlog(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens the log for reading, and for writing when {@code forWriting} (enable, disable). Reads
     * do not block when {@code nonBlocking}; {@link #await} waits for records then.
     */
    public static Reqlog open(Path device, boolean forReading, boolean forWriting, boolean nonBlocking)
            throws ReqlogException {
        int access = forReading && forWriting ? NativeCalls.O_RDWR
                : forWriting ? NativeCalls.O_WRONLY : NativeCalls.O_RDONLY;
        int flags = access | NativeCalls.O_CLOEXEC | (nonBlocking ? NativeCalls.O_NONBLOCK : 0);
        try {
            return new Reqlog(device.toString(), NativeCalls.open(device.toString(), flags, 0));
        } catch (LastErrorException e) {
            String hint = switch (e.getErrorCode()) {
                case Errno.ENOENT, Errno.ENXIO, Errno.ENODEV -> " (is the jblktrace module loaded?)";
                case Errno.EACCES, Errno.EPERM -> " (it is root's: run as root)";
                default -> "";
            };
            throw new ReqlogException("cannot open " + device + ": " + NativeCalls.text(e) + hint);
        }
    }

    public void enable() throws ReqlogException {
        ioctl(ReqlogAbi.ENABLE, 0, "enable logging on");
    }

    public void disable() throws ReqlogException {
        ioctl(ReqlogAbi.DISABLE, 0, "disable logging on");
    }

    public ReqlogStatus status() throws ReqlogException {
        ioctl(ReqlogAbi.STATUS, NativeCalls.address(status), "read the status of");
        return new ReqlogStatus(status.getLong(ReqlogAbi.STATUS_HEAD), status.getLong(ReqlogAbi.STATUS_LOST),
                status.getInt(ReqlogAbi.STATUS_ENABLED) != 0,
                Integer.toUnsignedLong(status.getInt(ReqlogAbi.STATUS_CAPACITY)),
                Integer.toUnsignedLong(status.getInt(ReqlogAbi.STATUS_QUEUED)));
    }

    private void ioctl(int request, long argument, String action) throws ReqlogException {
        try {
            NativeCalls.ioctl(fd, Integer.toUnsignedLong(request), argument);
        } catch (LastErrorException e) {
            String reason = switch (e.getErrorCode()) {
                case Errno.ENOTTY, Errno.EINVAL -> "it is not the request log of the jblktrace module";
                case Errno.EBADF -> "it is not open for writing";
                default -> NativeCalls.text(e);
            };
            throw new ReqlogException("cannot " + action + " " + path + ": " + reason);
        }
    }

    /**
     * Reads whole records into {@code records} (direct, native order) from its position to its
     * limit, leaving its limit after them; false when a non-blocking read found none.
     */
    public boolean read(ByteBuffer records) throws ReqlogException {
        int room = records.remaining() / ReqlogAbi.RECORD_SIZE * ReqlogAbi.RECORD_SIZE;
        for (;;) {
            try {
                long n = NativeCalls.read(fd, NativeCalls.address(records) + records.position(), room);
                records.limit(records.position() + (int) n);
                return true;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EAGAIN) {
                    records.limit(records.position());
                    return false;
                }
                if (e.getErrorCode() != Errno.EINTR) {
                    throw new ReqlogException("cannot read " + path + ": " + NativeCalls.text(e));
                }
            }
        }
    }

    /** Waits up to {@code timeoutMillis} for records; whether there are some. */
    public boolean await(int timeoutMillis) throws ReqlogException {
        pollFd.putInt(0, fd);
        pollFd.putShort(4, NativeCalls.POLLIN);
        pollFd.putShort(6, (short) 0);
        try {
            return NativeCalls.poll(NativeCalls.address(pollFd), 1, timeoutMillis) > 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EINTR) {
                return false;
            }
            throw new ReqlogException("cannot wait for " + path + ": " + NativeCalls.text(e));
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            try {
                NativeCalls.close(fd);
            } catch (LastErrorException e) {
                // Nothing is written through this descriptor; closing cannot lose data.
            }
            fd = -1;
        }
    }
}
