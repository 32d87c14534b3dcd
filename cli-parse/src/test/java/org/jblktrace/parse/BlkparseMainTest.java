package org.jblktrace.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.Blkparse;
import org.jblktrace.core.parse.ParseContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkparseMainTest {
    @TempDir
    Path workingDir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(Consumer<Blkparse> beforeRun, String... args) {
        return run(Map.of(), beforeRun, args);
    }

    private int run(Map<String, String> environment, Consumer<Blkparse> beforeRun, String... args) {
        ParseContext context = new ParseContext(new ByteArrayInputStream(new byte[0]), stdout,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), false, workingDir, environment);
        return BlkparseMain.run("blkparse", args, context, false, beforeRun);
    }

    @Test
    void unexpectedFailureIsOneLineWithoutStackTrace() {
        int status = run(engine -> {
            throw new IllegalStateException("boom");
        }, "sda");
        assertEquals(1, status);
        assertEquals("blkparse: internal error: boom\n", stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void failureWithoutMessageNamesItsType() {
        run(engine -> {
            throw new NullPointerException();
        }, "sda");
        assertEquals("blkparse: internal error: java.lang.NullPointerException\n",
                stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void earlyExitPrintsItsMessageAndStatus() {
        int status = run(engine -> {
            throw new BlkparseExit("No input files found for sda", 1);
        }, "sda");
        assertEquals(1, status);
        assertEquals("No input files found for sda\n", stderr.toString(StandardCharsets.UTF_8));
        assertEquals(0, stdout.size());
    }

    @Test
    void noInputMeansUsageOnStderr() {
        assertEquals(1, run(engine -> { }, "-q"));
        assertEquals("Usage: blkparse " + BlkparseMain.usage(Compat.CURRENT), stderr.toString(StandardCharsets.UTF_8));
        assertEquals(0, stdout.size());
    }

    @Test
    void usageTextIsTheChosenReleases() {
        run(Map.of(Compat.ENVIRONMENT, "1.2"), engine -> { });
        assertEquals("Usage: blkparse " + BlkparseMain.usage(Compat.V1_2), stderr.toString(StandardCharsets.UTF_8));
        stderr.reset();
        run(Map.of(Compat.ENVIRONMENT, "1.2"), engine -> { }, "--compat=1.3");
        assertEquals("Usage: blkparse " + BlkparseMain.usage(Compat.V1_3), stderr.toString(StandardCharsets.UTF_8));
        String current = BlkparseMain.usage(Compat.CURRENT);
        assertTrue(current.contains("--compat=<1.2|1.3>") && current.contains("--dump-version=<7|8>"));
        assertFalse(BlkparseMain.usage(Compat.V1_3).contains("--compat"));
        assertFalse(BlkparseMain.usage(Compat.V1_2).contains("-S"));
    }

    @Test
    void anUnknownReleaseIsOneLineAndStatusOne() {
        assertEquals(1, run(Map.of(Compat.ENVIRONMENT, "1.4"), engine -> { }, "sda"));
        assertEquals("blkparse: JBLKTRACE_COMPAT must be 1.2 or 1.3, not '1.4'\n", stderr.toString(StandardCharsets.UTF_8));
        stderr.reset();
        assertEquals(1, run(engine -> { }, "--compat=1.2.0", "sda"));
        assertEquals("blkparse: --compat must be 1.2 or 1.3, not '1.2.0'\n", stderr.toString(StandardCharsets.UTF_8));
        stderr.reset();
        assertEquals(1, run(engine -> { }, "--compat"));
        assertEquals("blkparse: option '--compat' requires an argument\n"
                + "Usage: blkparse " + BlkparseMain.usage(Compat.CURRENT), stderr.toString(StandardCharsets.UTF_8));
        assertEquals(0, stdout.size());
    }
}
