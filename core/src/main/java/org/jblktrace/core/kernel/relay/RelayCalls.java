package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.jblktrace.core.kernel.LibC;

/**
 * The libc calls of the relay readers' loop, bound by JNA direct mapping: primitive arguments
 * only, so a call costs about what a JNI call does, where the {@code LibC} interface proxy
 * reflects and marshals on every call. Buffers are passed as native addresses.
 */
final class RelayCalls {
    static {
        Native.register(LibC.LIBRARY);
    }

    private RelayCalls() {
    }

    static native int poll(long fds, int nfds, int timeoutMillis) throws LastErrorException;

    static native long read(int fd, long buf, long count) throws LastErrorException;

    /** The native address of a direct buffer's first byte. */
    static long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
