package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls the relay capture needs. Sizes ({@code size_t}, {@code ssize_t}) are mapped
 * to Java {@code long}, which matches the LP64 Linux ABIs (x86_64, aarch64) blktrace runs on.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;

    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    long read(int fd, Pointer buf, long count) throws LastErrorException;

    long write(int fd, Pointer buf, long count) throws LastErrorException;

    int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

    int poll(Pointer fds, int nfds, int timeoutMillis) throws LastErrorException;

    int sched_setaffinity(int pid, long cpusetSize, Pointer mask) throws LastErrorException;

    String strerror(int errnum);

    int getpagesize();
}
