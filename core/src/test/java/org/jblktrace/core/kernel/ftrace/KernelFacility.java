package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards tests that need the real kernel: root, tracefs with the blk tracer, losetup and
 * blkparse. Missing pieces skip the test on a developer machine and fail it when CI=true.
 */
public final class KernelFacility {
    public static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    public static final Path BLKPARSE = Path.of("/usr/bin/blkparse");

    private KernelFacility() {
    }

    public static void require() throws IOException {
        String missing = missing();
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("kernel facility missing: " + missing);
            }
            assumeTrue(false, "kernel facility missing: " + missing);
        }
        expandRingBuffer();
    }

    /**
     * Until tracing is first used, buffer_size_kb reads "N (expanded: M)"; any use expands it for
     * good (to M rounded up to whole pages), so no capture can give back the first reading.
     * Expanding it up front lets tests compare settings before and after a capture exactly.
     */
    private static void expandRingBuffer() throws IOException {
        Path size = TRACEFS.resolve("buffer_size_kb");
        String shown = new String(ControlFiles.readBytes(size), StandardCharsets.ISO_8859_1).strip();
        if (shown.contains("(expanded:")) {
            Files.writeString(size, FtraceCapture.bufferSizeToRestore(shown));
        }
    }

    private static String missing() {
        try {
            if (FtraceCapture.effectiveUid(Files.readString(Path.of("/proc/self/status"))) != 0) {
                return "not running as root";
            }
            if (!Files.isReadable(TRACEFS.resolve("available_tracers"))) {
                return "tracefs is not mounted at " + TRACEFS;
            }
            if (!Tracefs.listContains(Files.readString(TRACEFS.resolve("available_tracers")), "blk")) {
                return "the kernel has no blk tracer";
            }
        } catch (IOException e) {
            return e.toString();
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/losetup")) && !Files.isExecutable(Path.of("/sbin/losetup"))) {
            return "losetup is not installed";
        }
        if (!Files.isExecutable(BLKPARSE)) {
            return "blkparse is not installed at " + BLKPARSE;
        }
        return null;
    }
}
