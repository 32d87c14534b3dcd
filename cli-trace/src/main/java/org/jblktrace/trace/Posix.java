package org.jblktrace.trace;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import org.jblktrace.core.kernel.LibC;

/**
 * The C library calls whose errno blktrace prints ({@code Invalid path %s specified: %d/%s} and
 * the like): Java's file API reports errors as exceptions without the number.
 */
interface Posix extends Library {
    int O_RDONLY = 0;
    int O_RDWR = 2;
    int O_CREAT = 0100;
    int O_TRUNC = 01000;
    int O_NONBLOCK = 04000;
    int MNT_DETACH = 2;
    int EPERM = 1;
    int EEXIST = 17;
    int ENOENT = 2;
    int ENOTTY = 25;
    /** {@code struct statfs} is 120 bytes on x86-64; f_type is its first (long) field. */
    int STATFS_SIZE = 120;

    int open(String path, int flags, int mode) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int mkdir(String path, int mode) throws LastErrorException;

    int statfs(String path, byte[] buffer) throws LastErrorException;

    int mount(String source, String target, String type, NativeLong flags, Pointer data) throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    String strerror(int errno);

    /** Loaded on first use, so that option errors never need the native library. */
    final class Holder {
        static final Posix C = Native.load(LibC.LIBRARY, Posix.class);

        private Holder() {
        }
    }

    static Posix libc() {
        return Holder.C;
    }

    /** {@code errno/strerror}, as blktrace prints them. */
    static String describe(LastErrorException e) {
        return e.getErrorCode() + "/" + Holder.C.strerror(e.getErrorCode());
    }
}
