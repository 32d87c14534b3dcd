package org.jblktrace.core.kernel.module;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.jblktrace.core.kernel.CStrings;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;

/**
 * Drives the jblktrace kernel module through its control device: set up, start, stop and tear
 * down traces. A trace outlives this handle; it ends only with {@link #teardown} or module unload.
 * One handle serves one thread at a time (it reuses a native argument buffer).
 */
public final class ModuleControl implements AutoCloseable {
    private final Path device;
    private final Memory struct = new Memory(ModuleAbi.SETUP_SIZE);
    private int fd;

    private ModuleControl(Path device, int fd) {
        this.device = device;
        this.fd = fd;
    }

    /** Opens the module's control device, {@value ModuleAbi#DEVICE_PATH}. */
    public static ModuleControl open() throws ModuleControlException {
        return open(Path.of(ModuleAbi.DEVICE_PATH));
    }

    public static ModuleControl open(Path device) throws ModuleControlException {
        try {
            return new ModuleControl(device, LibC.INSTANCE.open(device.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC));
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            String hint = errno == Errno.ENOENT ? " (is the jblktrace module loaded?)" : "";
            throw new ModuleControlException(
                    "cannot open " + device + ": " + Errno.text(errno) + hint, errno);
        }
    }

    /**
     * Creates a trace (not yet started) and returns its debugfs directory name, which is the
     * kernel's name of the device, e.g. {@code vda} or {@code sdb1}.
     */
    public String setup(TraceSetup setup) throws ModuleControlException {
        ByteBuffer view = struct.getByteBuffer(0, ModuleAbi.SETUP_SIZE).order(ByteOrder.nativeOrder());
        setup.encode(view);
        request(ModuleAbi.SETUP, "set up a trace of", setup.major(), setup.minor());
        return CStrings.fromField(view, ModuleAbi.SETUP_NAME, ModuleAbi.NAME_LEN);
    }

    /** Starts (or restarts) recording; the module writes a timestamp note first. */
    public void start(int major, int minor) throws ModuleControlException {
        deviceRequest(ModuleAbi.START, "start the trace of", major, minor);
    }

    /** Stops recording and makes partially filled sub-buffers readable. */
    public void stop(int major, int minor) throws ModuleControlException {
        deviceRequest(ModuleAbi.STOP, "stop the trace of", major, minor);
    }

    /** Removes the trace and its debugfs files, stopping it first if needed. */
    public void teardown(int major, int minor) throws ModuleControlException {
        deviceRequest(ModuleAbi.TEARDOWN, "tear down the trace of", major, minor);
    }

    private void deviceRequest(int request, String action, int major, int minor)
            throws ModuleControlException {
        if (major < 0 || major > ModuleAbi.MAX_MAJOR || minor < 0 || minor > ModuleAbi.MAX_MINOR) {
            throw new IllegalArgumentException("no such device number " + major + ":" + minor);
        }
        struct.setInt(ModuleAbi.DEVICE_MAJOR, major);
        struct.setInt(ModuleAbi.DEVICE_MINOR, minor);
        request(request, action, major, minor);
    }

    private void request(int request, String action, int major, int minor) throws ModuleControlException {
        if (fd < 0) {
            throw new IllegalStateException(device + " is closed");
        }
        try {
            LibC.INSTANCE.ioctl(fd, Integer.toUnsignedLong(request), struct);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            throw new ModuleControlException(
                    "cannot " + action + " " + major + ":" + minor + ": " + Errno.text(errno), errno);
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LibC.closeQuietly(fd);
            fd = -1;
        }
    }
}
