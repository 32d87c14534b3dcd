package org.jblktrace.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
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
        ParseContext context = new ParseContext(new ByteArrayInputStream(new byte[0]), stdout,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), false, workingDir);
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
        assertEquals("Usage: blkparse " + BlkparseMain.USAGE, stderr.toString(StandardCharsets.UTF_8));
        assertEquals(0, stdout.size());
    }
}
