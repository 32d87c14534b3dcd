package org.jblktrace.core.kernel.ftrace;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls Java has no API for. */
interface LibC extends Library {
    /** umount2 flag: detach now, finish when the last user is gone. */
    int MNT_DETACH = 2;

    int mount(String source, String target, String fileSystemType, NativeLong flags, Pointer data)
        throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    String strerror(int errno);

    /** Loaded on first use, so that hosts where tracefs is already mounted never need JNA. */
    final class Holder {
        private Holder() {
        }

        static final LibC INSTANCE = Native.load("c", LibC.class);
    }
}
