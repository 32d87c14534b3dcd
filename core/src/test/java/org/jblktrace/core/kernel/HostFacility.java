package org.jblktrace.core.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.kernel.relay.RelayTrace;
import org.junit.jupiter.api.Assumptions;

/**
 * Host requirements of the kernel and network tests: missing ones skip a test on a developer
 * machine but fail it under CI ({@code CI=true}), where they must be present.
 */
public final class HostFacility {
    public static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    public static final Path BLKPARSE = Path.of("/usr/bin/blkparse");
    private static final Path BLKTRACE = Path.of("/usr/sbin/blktrace");
    private static final Path DEBUGFS_BLOCK = RelayTrace.DEFAULT_DEBUGFS.resolve("block");

    private HostFacility() {
    }

    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(what + " is required when CI=true");
        }
        Assumptions.abort(what + " is not available");
    }

    public static void requireRoot() {
        require(isRoot(), "root");
    }

    /**
     * Fails a test that uses this machine's kernel where the run says none may be used
     * ({@code JBT_HOST_KERNEL=no}, the Debian 13 chroot): such a test must be tagged
     * {@link HostKernel}, which that run excludes.
     */
    public static void requireHostKernel() {
        if ("no".equals(System.getenv("JBT_HOST_KERNEL"))) {
            fail("this test uses the host's kernel, which this run leaves alone (JBT_HOST_KERNEL=no):"
                    + " annotate it @HostKernel");
        }
    }

    /** Root, tracefs with the blk tracer, losetup and blkparse: ftrace captures of loop devices. */
    public static void requireFtrace() {
        requireHostKernel();
        requireRoot();
        Path tracers = TRACEFS.resolve("available_tracers");
        require(Files.isReadable(tracers), "tracefs mounted at " + TRACEFS);
        require(tracers(tracers).contains("blk"), "the kernel's blk tracer");
        require(losetupInstalled(), "losetup");
        require(Files.isExecutable(BLKPARSE), BLKPARSE.toString());
    }

    /** Root, losetup and a debugfs mount showing the block directory. */
    public static void requireLoopAndDebugfs() {
        requireHostKernel();
        requireRoot();
        require(losetupInstalled(), "losetup");
        require(Files.isDirectory(DEBUGFS_BLOCK), "debugfs mounted at " + RelayTrace.DEFAULT_DEBUGFS);
    }

    /**
     * Readable relay files, which kernel lockdown denies on the CI host: these tests run only
     * where the harness declares them possible ({@code JBLKTRACE_RELAY_TESTS=1}, the QEMU
     * guest), and there every other requirement is mandatory.
     */
    public static void requireReadableRelay() {
        if (!"1".equals(System.getenv("JBLKTRACE_RELAY_TESTS"))) {
            Assumptions.abort("needs readable relay files: run in the QEMU guest with JBLKTRACE_RELAY_TESTS=1");
        }
        mandatory(isRoot(), "root");
        mandatory(Files.isExecutable(BLKTRACE), BLKTRACE.toString());
        mandatory(Files.isDirectory(DEBUGFS_BLOCK), "debugfs mounted at " + RelayTrace.DEFAULT_DEBUGFS);
    }

    /** The C blktrace, which also needs debugfs mounted even as a network server. */
    public static void requireBlktrace() {
        require(Files.isExecutable(BLKTRACE), BLKTRACE.toString());
        require(Files.isDirectory(DEBUGFS_BLOCK), "debugfs mounted at " + RelayTrace.DEFAULT_DEBUGFS);
    }

    private static void mandatory(boolean available, String what) {
        if (!available) {
            fail(what + " is required when JBLKTRACE_RELAY_TESTS=1");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean losetupInstalled() {
        return Files.isExecutable(Path.of("/usr/sbin/losetup")) || Files.isExecutable(Path.of("/sbin/losetup"));
    }

    /** The names in tracefs's {@code available_tracers}; none if it cannot be read. */
    private static List<String> tracers(Path file) {
        try {
            return List.of(Files.readString(file).strip().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
