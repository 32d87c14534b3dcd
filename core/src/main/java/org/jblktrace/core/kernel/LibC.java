package org.jblktrace.core.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libc calls of the kernel interfaces, for which Java has no API. Public only because the
 * ftrace, relay and module packages share it; it is not meant for other callers.
 *
 * <p>C {@code unsigned long} and {@code size_t}/{@code ssize_t} are mapped to Java {@code long},
 * which matches the LP64 Linux ABIs (x86_64, aarch64) we run on and costs no wrapper object per
 * call. Calls declared to throw {@link LastErrorException} report failure with the errno in
 * {@link LastErrorException#getErrorCode()}; {@link Errno} turns it into text.
 */
public interface LibC extends Library {
    /**
     * The C library by its soname (glibc's, as on Debian), which the dynamic loader finds
     * without help; every binding of ours loads it by this name. By the name "c" JNA would look
     * for libc.so and then scan the library directories for libc.so.N, and at its first load it
     * runs {@code ldconfig -p} to learn them, unless {@code jna.platform.library.path} is set;
     * the launchers (scripts/launcher.sh) set that empty, so starting JNA runs no process.
     */
    String LIBRARY = "libc.so.6";

    /**
     * Loaded when first used (interface initialisation is lazy, and the constants below are
     * compile-time constants that do not trigger it), so paths that never call libc, such as an
     * ftrace capture on a host with tracefs already mounted, never load JNA's native part.
     */
    LibC INSTANCE = Native.load(LIBRARY, LibC.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;

    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    /** umount2 flag: detach now, finish when the last user is gone. */
    int MNT_DETACH = 2;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /**
     * close() of a descriptor that was only read from or controlled: an error loses no data, and
     * the descriptor is gone either way, so there is nothing to report.
     */
    static void closeQuietly(int fd) {
        try {
            INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // Nothing to report (see above).
        }
    }

    long write(int fd, Pointer buf, long count) throws LastErrorException;

    /** eventfd flags: close on exec, non-blocking. */
    int EFD_CLOEXEC = O_CLOEXEC;
    int EFD_NONBLOCK = O_NONBLOCK;

    int eventfd(int initialValue, int flags) throws LastErrorException;

    /** Declared with the one pointer argument every request used here takes. */
    int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    int sched_setaffinity(int pid, long cpusetSize, Pointer mask) throws LastErrorException;

    int mount(String source, String target, String fileSystemType, long flags, Pointer data)
        throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    String strerror(int errnum);

    int getpagesize();
}
