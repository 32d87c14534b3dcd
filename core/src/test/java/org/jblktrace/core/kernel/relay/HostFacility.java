package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Host requirements of the kernel and network tests: missing ones skip a test on a developer
 * machine but fail it under CI ({@code CI=true}), where they must be present.
 */
public final class HostFacility {
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
        require("root".equals(System.getProperty("user.name")), "root");
    }

    /** Root, losetup and a debugfs mount showing the block directory. */
    public static void requireLoopAndDebugfs() {
        requireRoot();
        require(Files.isExecutable(Path.of("/usr/sbin/losetup")) || Files.isExecutable(Path.of("/sbin/losetup")),
                "losetup");
        require(Files.isDirectory(RelayTrace.DEFAULT_DEBUGFS.resolve("block")), "debugfs mounted at /sys/kernel/debug");
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
        mandatory("root".equals(System.getProperty("user.name")), "root");
        mandatory(Files.isExecutable(Path.of("/usr/sbin/blktrace")), "/usr/sbin/blktrace");
        mandatory(Files.isDirectory(RelayTrace.DEFAULT_DEBUGFS.resolve("block")), "debugfs mounted at /sys/kernel/debug");
    }

    private static void mandatory(boolean available, String what) {
        if (!available) {
            fail(what + " is required when JBLKTRACE_RELAY_TESTS=1");
        }
    }

    /** The C blktrace, which also needs debugfs mounted even as a network server. */
    public static void requireBlktrace() {
        require(Files.isExecutable(Path.of("/usr/sbin/blktrace")), "/usr/sbin/blktrace");
        require(Files.isDirectory(RelayTrace.DEFAULT_DEBUGFS.resolve("block")), "debugfs mounted at /sys/kernel/debug");
    }
}
