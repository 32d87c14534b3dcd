package org.jblktrace.trace;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * blktrace's check that the relay path is a debugfs mount. Where the C tool gives up on an
 * unmounted default mount point, we mount debugfs there and unmount it when done.
 */
final class Debugfs implements AutoCloseable {
    private static final long DEBUGFS_MAGIC = 0x64626720L;

    private final String mountedHere;

    private Debugfs(String mountedHere) {
        this.mountedHere = mountedHere;
    }

    /**
     * @param path       the debugfs path to check
     * @param mayMountIt whether debugfs may be mounted there (the default path, not a -r one)
     * @throws BlktraceExit with blktrace's message when the path is unusable
     */
    static Debugfs require(String path, boolean mayMountIt) {
        long type;
        try {
            type = fileSystemType(path);
        } catch (LastErrorException e) {
            throw new BlktraceExit("Invalid debug path " + path + ": " + Posix.describe(e), 1);
        }
        if (type == DEBUGFS_MAGIC) {
            return new Debugfs(null);
        }
        if (!mayMountIt) {
            throw new BlktraceExit("Debugfs is not mounted at " + path, 1);
        }
        try {
            Posix.libc().mount("debugfs", path, "debugfs", new NativeLong(0), null);
        } catch (LastErrorException e) {
            throw new BlktraceExit("Debugfs is not mounted at " + path + " and mounting it there failed: "
                    + Posix.describe(e), 1);
        }
        return new Debugfs(path);
    }

    private static long fileSystemType(String path) {
        byte[] buffer = new byte[Posix.STATFS_SIZE];
        Posix.libc().statfs(path, buffer);
        return ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder()).getLong(0);
    }

    /** Unmounts debugfs if this run mounted it. */
    @Override
    public void close() {
        if (mountedHere != null) {
            try {
                Posix.libc().umount2(mountedHere, Posix.MNT_DETACH);
            } catch (LastErrorException ignored) {
                // Still mounted is harmless: it is where debugfs belongs.
            }
        }
    }
}
