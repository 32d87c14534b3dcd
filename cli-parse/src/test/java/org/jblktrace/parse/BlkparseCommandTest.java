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
import java.util.Map;
import java.util.stream.Collectors;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.core.parse.ParseOptions;
import org.jblktrace.core.parse.ProgramSort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkparseCommandTest {
    @TempDir
    Path workingDir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private ParseContext context() {
        return new ParseContext(new ByteArrayInputStream(new byte[0]), stdout,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), false, workingDir, Map.of());
    }

    private ParseOptions parse(String... args) throws GetoptException {
        return BlkparseCommand.parse("blkparse", args, context(), false);
    }

    private static String longNames(Compat compat) {
        return BlkparseCommand.options(compat).stream().map(CommandOption::longName).collect(Collectors.joining(" "));
    }

    @Test
    void longOptionTablesHaveEachReleasesOrder() {
        String release12 = "act-mask set-mask batch input-directory dump-binary format format-spec hash-by-name input "
                + "no-msgs output no-text-output quiet per-program-stats track-ios stopwatch verbose version";
        String release13 = release12.replace("per-program-stats", "per-program-stats sort-program-stats");
        assertEquals(release12 + " compat", longNames(Compat.V1_2));
        assertEquals(release13 + " compat", longNames(Compat.V1_3));
        assertEquals(release13 + " dump-version compat", longNames(Compat.CURRENT));
        assertEquals(BlkparseCommand.OPTIONS, BlkparseCommand.options(Compat.CURRENT));
    }

    @Test
    void shortOptionsMatchEachReleasesOptionString() {
        for (Compat compat : Compat.values()) {
            String reference = compat == Compat.V1_2 ? "a:A:b:D:d:f:F:hi:o:Oqstw:vVM" : "a:A:b:D:d:f:F:hi:o:OqsS:tw:vVM";
            List<CommandOption> shortOnes = BlkparseCommand.options(compat).stream()
                    .filter(CommandOption::hasShortForm).toList();
            assertEquals(reference.replace(":", "").length(), shortOnes.size());
            for (CommandOption option : shortOnes) {
                int at = reference.indexOf(option.key());
                boolean takesArgument = at + 1 < reference.length() && reference.charAt(at + 1) == ':';
                assertTrue(at >= 0, option.longName());
                assertEquals(takesArgument, option.takesArgument(), option.longName());
            }
        }
    }

    @Test
    void compatIsAnOptionOfEveryReleaseAndNeverAbbreviated() throws GetoptException {
        assertEquals(Compat.V1_2, parse("--compat=1.2", "x").compat);
        assertEquals(Compat.V1_3, parse("--compat", "1.3", "x").compat);
        assertEquals(Compat.V1_2, parse("--compat=1.3", "--compat=1.2", "x").compat);
        assertEquals(Compat.CURRENT, parse("x").compat);
        GetoptException e = assertThrows(GetoptException.class, () -> parse("--comp=1.2", "x"));
        assertEquals("blkparse: unrecognized option '--comp=1.2'", e.getMessage());
        // An option's argument is never taken for --compat.
        assertEquals(Compat.CURRENT, parse("-D", "--compat=1.2", "x").compat);
    }

    @Test
    void releasesDifferInTheirOptions() throws GetoptException {
        GetoptException e = assertThrows(GetoptException.class, () -> parse("--compat=1.2", "-S", "Q", "x"));
        assertEquals("blkparse: invalid option -- 'S'", e.getMessage());
        ParseOptions options = parse("--compat=1.3", "-S", "Quux", "x");
        assertTrue(options.perProcessStats);
        assertEquals(ProgramSort.QUEUED_KB, options.programSort);
        assertEquals(1, assertThrows(BlkparseExit.class, () -> parse("-S", "x", "y")).status);
        assertNull(assertThrows(BlkparseExit.class, () -> parse("-S", "", "y")).getMessage());
        e = assertThrows(GetoptException.class, () -> parse("--compat=1.3", "--dump-version=7", "x"));
        assertEquals("blkparse: unrecognized option '--dump-version=7'", e.getMessage());
        assertEquals(7, parse("--dump-version", "7", "x").dumpVersion);
        assertEquals("blkparse: --dump-version must be 7 or 8, not '9'",
                assertThrows(BlkparseExit.class, () -> parse("--dump-version=9", "x")).getMessage());
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
        assertEquals("./bin/bp version 1.3.0\n", stdout.toString(StandardCharsets.UTF_8));
        stdout.reset();
        assertThrows(BlkparseExit.class, () -> BlkparseCommand.parse("bp", new String[] {"-V", "--compat=1.2"},
                context(), false));
        assertEquals("bp version 1.2.0\n", stdout.toString(StandardCharsets.UTF_8));
    }
}
