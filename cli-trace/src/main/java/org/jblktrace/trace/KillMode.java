package org.jblktrace.trace;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code -k}: stop and tear down whatever blktrace is set up on each device, through the
 * block device's ioctls, which work even where the relay files are locked down. Like blktrace
 * it reports a failed teardown and still exits 0.
 */
final class KillMode {
    private static final long BLKTRACESTOP = 0x1275;
    private static final long BLKTRACETEARDOWN = 0x1276;

    private KillMode() {
    }

    static int run(List<String> devices, PrintStream stderr) {
        for (String device : devices) {
            String failure = stopAndTearDown(device);
            if (failure != null) {
                stderr.println("BLKTRACETEARDOWN " + device + " failed: " + failure);
            }
        }
        return 0;
    }

    private static String stopAndTearDown(String device) {
        Posix libc = Posix.libc();
        int fd;
        try {
            fd = libc.open(device, Posix.O_RDONLY | Posix.O_NONBLOCK, 0);
        } catch (LastErrorException e) {
            return Posix.describe(e);
        }
        try {
            try {
                libc.ioctl(fd, new NativeLong(BLKTRACESTOP), null);
            } catch (LastErrorException notRunning) {
                // A trace that is set up but stopped can still be torn down.
            }
            libc.ioctl(fd, new NativeLong(BLKTRACETEARDOWN), null);
            return null;
        } catch (LastErrorException e) {
            return Posix.describe(e);
        } finally {
            libc.close(fd);
        }
    }
}
