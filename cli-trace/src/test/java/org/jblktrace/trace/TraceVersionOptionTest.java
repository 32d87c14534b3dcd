package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jblktrace.core.capture.CaptureRequest;
import org.jblktrace.core.cli.Compat;
import org.junit.jupiter.api.Test;

/** --trace-version and its default: the kernel's own, or 7 in the compatibility modes. */
class TraceVersionOptionTest {
    private static TraceRequest parse(Compat compat, String... args) throws Exception {
        return BlktraceCommand.parse("blktrace", args, new PrintStream(new ByteArrayOutputStream()), false, compat);
    }

    @Test
    void theOptionNamesTheVersion() throws Exception {
        assertEquals(7, parse(Compat.CURRENT, "--trace-version=7", "/dev/null").traceVersion);
        assertEquals(8, parse(Compat.CURRENT, "--trace-version", "8", "/dev/null").traceVersion);
        assertEquals(8, parse(Compat.V1_2, "--trace-version=8", "/dev/null").traceVersion);
    }

    @Test
    void withoutItTheKernelDecidesExceptInTheCompatibilityModes() throws Exception {
        assertEquals(CaptureRequest.KERNEL_VERSION, parse(Compat.CURRENT, "/dev/null").traceVersion);
        assertEquals(7, parse(Compat.V1_2, "/dev/null").traceVersion);
        assertEquals(7, parse(Compat.V1_3, "/dev/null").traceVersion);
    }

    @Test
    void otherVersionsAndAbbreviationsAreRefused() {
        BlktraceExit refused = assertThrows(BlktraceExit.class, () -> parse(Compat.CURRENT, "--trace-version=9"));
        assertEquals("blktrace: invalid trace version '9' (choose 7 or 8)", refused.getMessage());
        assertEquals(1, refused.status);
        assertThrows(org.jblktrace.core.cli.GetoptException.class, () -> parse(Compat.CURRENT, "--trace-v=7"));
    }

    @Test
    void aBadCompatibilityModeInTheEnvironmentIsOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TraceContext context = new TraceContext(new ByteArrayOutputStream(), new PrintStream(err, true,
                StandardCharsets.UTF_8), Path.of("/sys/devices/system/cpu/online"), "/sys/kernel/debug",
                Map.of(Compat.ENVIRONMENT, "1.1"));
        assertEquals(1, BlktraceMain.run("blktrace", new String[] {"/dev/null"}, context));
        assertEquals("blktrace: JBLKTRACE_COMPAT must be 1.2 or 1.3, not '1.1'\n", err.toString(StandardCharsets.UTF_8));
    }
}
