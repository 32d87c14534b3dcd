package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;

/**
 * One block device and the kernel trace we set up on it. The kernel keeps a single trace per
 * queue, reachable through any descriptor of the device, so TEARDOWN is only ever sent for a
 * trace whose SETUP succeeded through this object: tearing down after a failed (EBUSY) SETUP
 * would destroy somebody else's trace.
 */
final class DeviceTrace {
    final String path;
    private final int fd;
    private String name;
    private boolean traceOwned;
    private boolean closed;

    private DeviceTrace(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens the device like blktrace ({@code O_RDONLY|O_NONBLOCK}). */
    static DeviceTrace open(String path) throws RelayException {
        try {
            return new DeviceTrace(path, LibC.INSTANCE.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC));
        } catch (LastErrorException e) {
            throw RelayException.ofDevice(e.getErrorCode(),
                    "Invalid path " + path + " specified: " + Errno.describe(e.getErrorCode()));
        }
    }

    /**
     * BLKTRACESETUP or BLKTRACESETUP2, as {@code kind} says; on success the kernel-assigned name
     * is known and the trace is ours.
     */
    synchronized void setup(TraceSetupBlock kind, ByteBuffer request) throws RelayException {
        Memory block = new Memory(kind.size);
        block.write(0, request.array(), 0, kind.size);
        try {
            LibC.INSTANCE.ioctl(fd, kind.request, block);
        } catch (LastErrorException e) {
            throw RelayException.ofDevice(e.getErrorCode(),
                    "BLKTRACESETUP(2) " + path + " failed: " + Errno.describe(e.getErrorCode()));
        }
        traceOwned = true;
        block.read(0, request.array(), 0, kind.size);
        name = kind.name(request);
    }

    /**
     * Whether the kernel knows BLKTRACESETUP2 (Linux 6.19 and later, which record version 8).
     * It is asked without an argument: a kernel that knows the request fails reading it (EFAULT)
     * before setting anything up, while an older one hands the request to the driver, which
     * refuses it (loop devices with EINVAL, most others with ENOTTY).
     */
    boolean kernelKnowsSetup2() {
        try {
            LibC.INSTANCE.ioctl(fd, TraceSetupBlock.V2.request, Pointer.NULL);
        } catch (LastErrorException e) {
            return e.getErrorCode() == Errno.EFAULT;
        }
        return false;
    }

    /** The name the kernel gave the trace (debugfs directory, default output name). */
    String name() {
        return name;
    }

    synchronized void start() throws RelayException {
        command(TraceIoctl.START, "BLKTRACESTART");
    }

    synchronized void stop() throws RelayException {
        command(TraceIoctl.STOP, "BLKTRACESTOP");
    }

    /** STOP then TEARDOWN of our own trace, errors ignored (the trace may already be stopped). */
    synchronized void release() {
        if (!traceOwned) {
            return;
        }
        traceOwned = false;
        ignoringErrors(TraceIoctl.STOP);
        ignoringErrors(TraceIoctl.TEARDOWN);
    }

    /** Releases our trace, then closes the device. */
    synchronized void close() {
        release();
        if (!closed) {
            closed = true;
            LibC.closeQuietly(fd);
        }
    }

    /**
     * Kill mode: STOP (result ignored) and TEARDOWN of whatever trace the device has, ours or
     * not; the caller asked for exactly that.
     */
    void kill() throws RelayException {
        ignoringErrors(TraceIoctl.STOP);
        command(TraceIoctl.TEARDOWN, "BLKTRACETEARDOWN");
    }

    private void command(long request, String label) throws RelayException {
        try {
            LibC.INSTANCE.ioctl(fd, request, Pointer.NULL);
        } catch (LastErrorException e) {
            throw RelayException.ofDevice(e.getErrorCode(),
                    label + " " + path + " failed: " + Errno.describe(e.getErrorCode()));
        }
    }

    private void ignoringErrors(long request) {
        try {
            LibC.INSTANCE.ioctl(fd, request, Pointer.NULL);
        } catch (LastErrorException e) {
            // Cleanup of a trace that may already be gone; nothing useful to report.
        }
    }
}
