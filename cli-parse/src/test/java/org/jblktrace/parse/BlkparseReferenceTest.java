package org.jblktrace.parse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.core.parse.ParseOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each command line through Debian's blkparse of each release (ReferenceTools) and through
 * ours in-process in that release's compat mode (JBLKTRACE_COMPAT, so that the command line is
 * the reference's own), in an empty directory, and compares. When the reference gets past its command line it stops at
 * "No input files found for NAME" (the engine's message): then our command line must be
 * accepted silently and NAME must be our first input, which checks the input order too.
 */
class BlkparseReferenceTest {
    private static final String NO_INPUT = "No input files found for ";

    @TempDir
    static Path workingDir;

    /** Each command line once per selected release. */
    private static Stream<Arguments> perRelease(Stream<List<String>> commandLines) {
        List<List<String>> lines = commandLines.toList();
        return ReferenceTools.selected().stream().flatMap(release -> lines.stream().map(args -> Arguments.of(release, args)));
    }

    static Stream<Arguments> commandLines() {
        return perRelease(Stream.of(
                // getopt errors
                List.of("-x"), List.of("-qx"), List.of("-:"), List.of("-?"), List.of("-W"), List.of("--foo=bar"),
                List.of("--help"), List.of("---x"), List.of("--ver"), List.of("--v"), List.of("--v=1"),
                List.of("--in"), List.of("--inp=x"), List.of("--inp=hh/x"), List.of("--forma", "x"), List.of("--no"),
                List.of("--s"), List.of("--=x"), List.of("--="), List.of("--quiet=3"), List.of("--quiet="),
                List.of("--verb=2"), List.of("--version=1"), List.of("--input"), List.of("--format"),
                List.of("--format-spec"), List.of("--forma"), List.of("--dump"), List.of("--set"), List.of("-i"),
                List.of("-qb"), List.of("-a"), List.of("-A"), List.of("-b"), List.of("-d"), List.of("-D"),
                List.of("-f"), List.of("-F"), List.of("-o"), List.of("-w"), List.of("nope", "-i"), List.of("-q-"),
                // usage without inputs
                List.of(), List.of("--"), List.of("-q", "-s", "-t"), List.of("-D", "dir"),
                // -V wins unless an earlier option failed
                List.of("-V"), List.of("--version"), List.of("--vers"), List.of("-V", "-x"), List.of("-x", "-V"),
                List.of("nope", "-V"), List.of("-vVx"), List.of("-qV"), List.of("-i", "-", "-V"),
                List.of("-a", "read", "-V"), List.of("-a", "bogus", "-V"), List.of("-V", "-a", "bogus"),
                List.of("-w", "0", "-V"), List.of("--", "-V"), List.of("-i", "-V"), List.of("-b", "-V"),
                // -a
                List.of("-a", "read", "x"), List.of("-a", "WRITE", "x"), List.of("-aBLK_TC_fua", "x"),
                List.of("--act-mask=Drv_Data", "x"), List.of("-a", "bogus", "x"), List.of("-a", "", "x"),
                List.of("-a", "BLK_TC_END", "x"), List.of("-a", "blk_tc_", "x"), List.of("-a", "read", "-a", "nope"),
                // -A, with the conversion's leftover value in failures
                List.of("-A", "zz"), List.of("-A", ""), List.of("-A", " "), List.of("-A", "  1f", "x"),
                List.of("-A", "0x"), List.of("-A", "0X1F", "x"), List.of("-A", "0xg"), List.of("-A", "1g", "x"),
                List.of("-A", "+5", "x"), List.of("-A", "-1"), List.of("-A", "-0x1"), List.of("-A", "10000"),
                List.of("-A", "ffff", "x"), List.of("-A", "0"), List.of("-A", "100000001", "x"),
                List.of("-A", "ffffffffffffffffffffff"), List.of("-A", "x1"), List.of("-A", "+"),
                List.of("-a", "write", "-A", "zz"), List.of("-a", "write", "-A", "0x"), List.of("-A", "5", "-A", "zz"),
                List.of("-A", "5", "-a", "read", "x"), List.of("--set-mask=zz"), List.of("-A", "fffe0000"),
                // -w
                List.of("-w", "-1:0.5"), List.of("-w", "nan:1"), List.of("-w", "inf:1", "x"),
                List.of("-w", "-inf:1"), List.of("-w", "1e10:1"), List.of("-w", "2e10:1", "x"),
                List.of("-w", "-0.5:0"), List.of("-w", "-1e-9:0"), List.of("-w", "0x10:1"), List.of("-w", "0x1p4:1"),
                List.of("-w", " 1:1"), List.of("-w", "1:"), List.of("-w", "1: 2", "x"), List.of("-w", "1:2 "),
                List.of("-w", "1:2x"), List.of("-w", "abc"), List.of("-w", "1x"), List.of("-w", "1e:1"),
                List.of("-w", "1e+:0.5"), List.of("-w", ".5:.4"), List.of("-w", "0"), List.of("-w", ""),
                List.of("-w", "nan(123):1"), List.of("-w", "nan(:1"), List.of("-w", "0x:1"), List.of("-w", "1.:1"),
                List.of("-w", ".:1"), List.of("-w", "0.0000003:0.0000002"),
                List.of("-w", "0.000000015:0.000000014"), List.of("-w", "0.000000016:0.000000015"), List.of("-w", "1:0x"),
                List.of("-w", "0.0000001:0.0000004", "x"), List.of("-w", "5:10", "-w", "3"),
                List.of("-w", "1:2", "-w", "3", "x"), List.of("--stopwatch=2:1"), List.of("-w1:0"),
                // -b, -F and -f argument handling that stays within the command line
                List.of("-b", "0", "x"), List.of("-b", "-1", "x"), List.of("-b", "abc", "x"), List.of("-b100000", "x"),
                // inputs: options first, then operands, in order
                List.of("nope1", "-i", "nope2"), List.of("-i", "a", "-i", "b"), List.of("x", "-q", "y"),
                List.of("-i", ""), List.of(""), List.of("--input="), List.of("--", "-q"), List.of("-D", "dir", "nope"),
                List.of("-qs", "-t", "-h", "-v", "-v", "-O", "-M", "nope"), List.of("--no-m", "--st=1", "nope"),
                List.of("-o", "out.txt", "nope"), List.of("-d", "dump.bin", "nope"), List.of("-i", "--", "x"),
                List.of("--input", "--", "x"), List.of("--", "--"), List.of("x", "--", "-V"),
                List.of("--stopwatch=1:2:3")));
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void matchesReference(Release release, List<String> args) throws Exception {
        Outcome reference = runReference(release, args, false);
        if (reference.stderr.startsWith(NO_INPUT)) {
            assertAcceptedWithFirstInput(release, args, reference, false);
        } else {
            assertEquals(reference, runOurs(release, args, false));
        }
    }

    static Stream<Arguments> posixlyCorrectCommandLines() {
        return perRelease(Stream.of(List.of("nope", "-V"), List.of("-q", "nope", "-x"), List.of("-x", "nope"),
                List.of("--ver"), List.of("nope", "--", "x")));
    }

    @ParameterizedTest
    @MethodSource("posixlyCorrectCommandLines")
    void posixlyCorrectStopsOptionsAtFirstOperand(Release release, List<String> args) throws Exception {
        Outcome reference = runReference(release, args, true);
        if (reference.stderr.startsWith(NO_INPUT)) {
            assertAcceptedWithFirstInput(release, args, reference, true);
        } else {
            assertEquals(reference, runOurs(release, args, true));
        }
    }

    private static void assertAcceptedWithFirstInput(Release release, List<String> args, Outcome reference,
                                                     boolean posixlyCorrect) {
        assertEquals(1, reference.status);
        assertEquals("", reference.stdout);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ParseOptions options = assertDoesNotThrow(() -> BlkparseCommand.parse(program(release),
                args.toArray(String[]::new), context(release, new ByteArrayOutputStream(), stderr), posixlyCorrect));
        assertEquals("", stderr.toString(StandardCharsets.UTF_8));
        assertFalse(options.inputs.isEmpty());
        assertEquals(reference.stderr, NO_INPUT + options.inputs.get(0) + "\n");
    }

    private record Outcome(int status, String stdout, String stderr) {
    }

    /** The reference's path, which is its program name in messages, and ours too. */
    private static String program(Release release) {
        return ReferenceTools.tool(release, "blkparse").toString();
    }

    private static Outcome runReference(Release release, List<String> args, boolean posixlyCorrect)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program(release));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("POSIXLY_CORRECT");
        if (posixlyCorrect) {
            builder.environment().put("POSIXLY_CORRECT", "1");
        }
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        int status = process.waitFor();
        return new Outcome(status, new String(stdout, StandardCharsets.UTF_8),
                new String(stderr, StandardCharsets.UTF_8));
    }

    private static Outcome runOurs(Release release, List<String> args, boolean posixlyCorrect) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = BlkparseMain.run(program(release), args.toArray(String[]::new), context(release, stdout, stderr),
                posixlyCorrect, engine -> { });
        return new Outcome(status, stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8));
    }

    private static ParseContext context(Release release, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
        return new ParseContext(new ByteArrayInputStream(new byte[0]), stdout,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), false, workingDir,
                Map.of(Compat.ENVIRONMENT, release.compat.release));
    }
}
