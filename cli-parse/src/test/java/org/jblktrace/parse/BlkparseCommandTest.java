package org.jblktrace.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.core.parse.ParseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkparseCommandTest {
    @TempDir
    Path workingDir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private ParseContext context() {
        return new ParseContext(new ByteArrayInputStream(new byte[0]), stdout,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), false, workingDir);
    }

    private ParseOptions parse(String... args) throws GetoptException {
        return BlkparseCommand.parse("blkparse", args, context(), false);
    }

    @Test
    void longOptionTableHasBlkparseOrder() {
        assertEquals("act-mask set-mask batch input-directory dump-binary format format-spec hash-by-name input "
                        + "no-msgs output no-text-output quiet per-program-stats track-ios stopwatch verbose version",
                BlkparseCommand.OPTIONS.stream().map(CommandOption::longName).collect(Collectors.joining(" ")));
    }

    @Test
    void shortOptionsMatchBlkparseOptionString() {
        String reference = "a:A:b:D:d:f:F:hi:o:Oqstw:vVM";
        assertEquals(reference.replace(":", "").length(), BlkparseCommand.OPTIONS.size());
        for (CommandOption option : BlkparseCommand.OPTIONS) {
            int at = reference.indexOf(option.key());
            boolean takesArgument = at + 1 < reference.length() && reference.charAt(at + 1) == ':';
            assertTrue(option.hasShortForm() && at >= 0, option.longName());
            assertEquals(takesArgument, option.takesArgument(), option.longName());
        }
    }

    @Test
    void defaultsWhenOnlyAnInputIsGiven() throws GetoptException {
        ParseOptions options = parse("sda");
        assertEquals(List.of("sda"), options.inputs);
        assertNull(options.pipeName);
        assertEquals(-1, options.actMask);
        assertEquals(ParseOptions.DEFAULT_BATCH, options.batch);
        assertEquals(-1L, options.stopwatchEnd);
        assertTrue(options.textOutput && options.perDeviceAndCpuStats && options.hashByPid
                && options.binaryOutputMessages);
        assertFalse(options.perProcessStats || options.trackIos);
    }

    @Test
    void flagsAndValues() throws GetoptException {
        ParseOptions options = parse("-qsthOM", "-vv", "--verbose", "-D", "dir", "-o", "out", "-d", "-", "x");
        assertFalse(options.perDeviceAndCpuStats);
        assertTrue(options.perProcessStats);
        assertTrue(options.trackIos);
        assertFalse(options.hashByPid);
        assertFalse(options.textOutput);
        assertFalse(options.binaryOutputMessages);
        assertEquals(3, options.verbose);
        assertEquals("dir", options.inputDir);
        assertEquals("out", options.outputName);
        assertEquals("-", options.dumpBinary);
    }

    @Test
    void actMaskAccumulatesAndSetMaskReplaces() throws GetoptException {
        assertEquals(0x3, parse("-a", "read", "-a", "BLK_TC_WRITE", "x").actMask);
        assertEquals(0x5, parse("-a", "write", "-A", "4", "-a", "read", "x").actMask);
        assertEquals(0xFFFF, parse("-A", "ffff", "x").actMask);
    }

    @Test
    void invalidSetMaskReportsTheLeftoverValue() {
        BlkparseExit exit = assertThrows(BlkparseExit.class, () -> parse("-A", "8", "-A", "zz"));
        assertEquals("Invalid set action mask zz/0x8", exit.getMessage());
        assertEquals(1, exit.status);
    }

    @Test
    void batchIsCUnsignedWithZeroMeaningDefault() throws GetoptException {
        assertEquals(100000, parse("-b100000", "x").batch);
        assertEquals(ParseOptions.DEFAULT_BATCH, parse("-b", "0", "x").batch);
        assertEquals(ParseOptions.DEFAULT_BATCH, parse("-b", "abc", "x").batch);
        assertEquals(4294967291L, Integer.toUnsignedLong(parse("-b", "-5", "x").batch));
    }

    @Test
    void stopwatchWindowInNanoseconds() throws GetoptException {
        ParseOptions window = parse("-w", "1.5:2", "x");
        assertEquals(1_500_000_000L, window.stopwatchStart);
        assertEquals(2_000_000_000L, window.stopwatchEnd);
        // 0.000000015 * 1e9 is 14.999999999999998 in doubles, truncated like C.
        ParseOptions endOnly = parse("-w", "0.000000015", "x");
        assertEquals(0L, endOnly.stopwatchStart);
        assertEquals(14L, endOnly.stopwatchEnd);
    }

    @Test
    void laterStopwatchKeepsEarlierStart() throws GetoptException {
        ParseOptions options = parse("-w", "1:2", "-w", "3", "x");
        assertEquals(1_000_000_000L, options.stopwatchStart);
        assertEquals(3_000_000_000L, options.stopwatchEnd);
    }

    @Test
    void firstDashIsThePipeLaterOnesAreNames() throws GetoptException {
        ParseOptions options = parse("-i", "a", "-", "-i", "-", "b");
        assertEquals("-", options.pipeName);
        assertEquals(List.of("a", "-", "b"), options.inputs);
    }

    @Test
    void existingFifoIsThePipe() throws Exception {
        Path fifo = workingDir.resolve("stream");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Files.createFile(workingDir.resolve("plain"));
        ParseOptions options = parse("plain", "-i", "stream");
        assertEquals("stream", options.pipeName);
        assertEquals(List.of("plain"), options.inputs);
    }

    @Test
    void versionPrintsInvokedNameAndExitsZero() {
        BlkparseExit exit = assertThrows(BlkparseExit.class,
                () -> BlkparseCommand.parse("./bin/bp", new String[] {"-q", "-V", "-x"}, context(), false));
        assertEquals(0, exit.status);
        assertNull(exit.getMessage());
        assertEquals("./bin/bp version 1.2.0\n", stdout.toString(StandardCharsets.UTF_8));
    }
}
