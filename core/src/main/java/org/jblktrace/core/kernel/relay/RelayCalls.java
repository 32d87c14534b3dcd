package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import org.jblktrace.core.kernel.LibC;

/**
 * The libc calls of the relay readers' loop, bound by JNA direct mapping: primitive arguments
 * only, so a call costs about what a JNI call does, where the {@code LibC} interface proxy
 * reflects and marshals on every call (under an emulator, with small buffers, hundreds of
 * times a second). Buffers are passed as native addresses. Binding builds JNA's type
 * structures by reflection (under an emulator a few tenths of a CPU-second); it happens when the
 * first relay file opens ({@link RelayStream}), after the kernel's setup and before the trace starts.
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
