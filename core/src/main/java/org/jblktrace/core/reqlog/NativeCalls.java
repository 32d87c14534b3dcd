package org.jblktrace.core.reqlog;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.jblktrace.core.kernel.LibC;

/**
 * The libc calls of the request log and of migration, bound by JNA direct mapping (primitive
 * arguments, buffers as native addresses), so that a call costs about what a JNI call does.
 */
final class NativeCalls {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_NONBLOCK = 04000;
    static final int O_DIRECT = 040000;
    static final int O_CLOEXEC = 02000000;
    static final short POLLIN = 0x1;
    /** {@code BLKGETSIZE64}: the device's size in bytes. */
    static final long BLKGETSIZE64 = 0x80081272L;
    /** {@code BLKSSZGET}: the logical block size. */
    static final long BLKSSZGET = 0x1268L;

    static {
        Native.register(LibC.LIBRARY);
    }

    private NativeCalls() {
    }

    static native int open(String path, int flags, int mode) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long read(int fd, long buf, long count) throws LastErrorException;

    static native long pread(int fd, long buf, long count, long offset) throws LastErrorException;

    static native long pwrite(int fd, long buf, long count, long offset) throws LastErrorException;

    static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    static native int poll(long fds, int nfds, int timeoutMillis) throws LastErrorException;

    static native int fdatasync(int fd) throws LastErrorException;

    static native int fallocate(int fd, int mode, long offset, long length) throws LastErrorException;

    static native int ftruncate(int fd, long length) throws LastErrorException;

    static native Pointer strerror(int errno);

    /** The native address of a direct buffer's first byte. */
    static long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    /** The C library's text for an errno. */
    static String text(int errno) {
        return strerror(errno).getString(0);
    }

    static String text(LastErrorException e) {
        return text(e.getErrorCode());
    }
}
