package org.jblktrace.parse;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.OptionalInt;
import org.jblktrace.core.cli.ActMasks;
import org.jblktrace.core.cli.CNumbers;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.cli.GnuGetopt;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.core.parse.ParseOptions;
import org.jblktrace.core.parse.ProgramSort;
import org.jblktrace.core.parse.format.FormatSpecs;

/**
 * blkparse's options. {@link #OPTIONS} is the one description of them: getopt is built from it
 * (its order is blkparse's long-option table order, which decides abbreviations and ambiguity
 * lists), and so are the man page and the shell completion, at build time. A {@code --compat}
 * release sees only the options that release has ({@link #options(Compat)}), plus
 * {@code --compat} itself. Each option applies one occurrence, in command-line order, with
 * blkparse's validation and its exact messages.
 */
final class BlkparseCommand {
    /** The keys getopt reports for the long-only options. */
    static final char COMPAT_KEY = '\u0100';
    static final char DUMP_VERSION_KEY = '\u0101';
    /** File type bits of {@code st_mode}, and the FIFO type. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    static final List<CommandOption> OPTIONS = List.of(
            CommandOption.of('a', "act-mask", "action field",
                    "Show only events of this category (read, write, flush, sync, queue, requeue, "
                    + "issue, complete, fs, pc, notify, ahead, meta, discard, drv_data, fua; "
                    + "a BLK_TC_ prefix and any case are accepted). Repeat to add categories.")
                    .withValues(ActMasks.names()),
            CommandOption.of('A', "set-mask", "action mask",
                    "Show only events whose categories are in this hexadecimal mask "
                    + "(1 to ffff), replacing any earlier -a or -A."),
            CommandOption.of('b', "batch", "traces",
                    "Read this many events at a time (default 512); the batch size can change "
                    + "the order of events with equal times."),
            CommandOption.of('D', "input-directory", "dir", "Directory that input names are looked up in."),
            CommandOption.of('d', "dump-binary", "file",
                    "Also write the events that were shown as a binary trace to this file ('-' for stdout)."),
            CommandOption.of('f', "format", "format", "Output format for every action that has no -F format yet."),
            CommandOption.of('F', "format-spec", "spec",
                    "Output format for one action, written as LETTER,FORMAT (for example Q,%T %S)."),
            CommandOption.of('h', "hash-by-name", null,
                    "Group per-program statistics by process name instead of by process id."),
            CommandOption.of('i', "input", "file",
                    "Trace to read: the NAME of NAME.blktrace.<cpu> files, or '-' or a FIFO "
                    + "for a piped stream. Operands are read the same way."),
            CommandOption.of('M', "no-msgs", null, "Leave message notes out of the -d binary output."),
            CommandOption.of('o', "output", "file", "Write the text output to this file instead of stdout."),
            CommandOption.of('O', "no-text-output", null, "Write no text at all (useful with -d)."),
            CommandOption.of('q', "quiet", null, "Leave out the per-device and per-CPU statistics."),
            CommandOption.of('s', "per-program-stats", null, "Print I/O statistics for every program."),
            CommandOption.of('S', "sort-program-stats", "event",
                    "Print I/O statistics for every program, sorted by the first letter of the argument: "
                    + "N by name (the default), Q/q by queued KiB/requests, R/r by queued reads, W/w by "
                    + "queued writes, C/c by completed KiB/requests; least first. Not in blkparse 1.2.0.")
                    .withValues(List.of("N", "Q", "q", "R", "r", "W", "w", "C", "c")),
            CommandOption.of('t', "track-ios", null,
                    "Follow each request and show how long it took to be queued, dispatched and completed."),
            CommandOption.of('w', "stopwatch", "time",
                    "Show only events in a time window, in seconds from the start of the trace: "
                    + "END, or START:END (the second number is an end time, not a duration)."),
            CommandOption.of('v', "verbose", null, "Report marginal problems (such as skipped events) on stderr."),
            CommandOption.of('V', "version", null,
                    "Print the version and exit, ignoring the rest of the command line."),
            new CommandOption(DUMP_VERSION_KEY, "dump-version", "version", false,
                    "The trace version -d writes: 7 (blk_io_trace, what blkparse 1.3.0, btt and fio's "
                    + "blktrace replay read) or 8 (blk_io_trace2). By default each record keeps the "
                    + "version it was read in. Converting to 7 drops the zone categories of version 8.",
                    List.of("7", "8")),
            new CommandOption(COMPAT_KEY, Compat.OPTION, "release", false,
                    "Behave exactly as blkparse 1.2.0 (Debian 12, Ubuntu 24.04) or 1.3.0 (Debian 13, "
                    + "Fedora, openSUSE): that release's options, usage text, output and messages, and "
                    + "its rejection of version 8 traces. The environment variable JBLKTRACE_COMPAT sets "
                    + "the same for scripts; the option wins.", List.of("1.2", "1.3")));

    /** The options a release accepts, in its long-option table's order, plus --compat. */
    static List<CommandOption> options(Compat compat) {
        return OPTIONS.stream().filter(option -> switch (option.key()) {
            case 'S' -> compat != Compat.V1_2;
            case DUMP_VERSION_KEY -> compat == Compat.CURRENT;
            default -> true;
        }).toList();
    }

    /** The version -V prints: the release matched (upstream has not named a later one). */
    static String version(Compat compat) {
        return compat == Compat.V1_2 ? "1.2.0" : "1.3.0";
    }

    private final ParseOptions options = new ParseOptions();
    private final ParseContext context;
    private final String program;
    /** The categories gathered by -a and -A; none means "leave the default". */
    private int actMaskBits;
    /**
     * The last mask -a or -A produced. blkparse reports a -A argument that does not convert
     * with whatever value its conversion variable still holds from the previous -a or -A.
     */
    private int lastMaskValue;

    private BlkparseCommand(String program, ParseContext context) {
        this.program = program;
        this.context = context;
    }

    /**
     * The release a command line asks for: its last {@code --compat}, else JBLKTRACE_COMPAT. The
     * command line is scanned with every option known, only to find {@code --compat} (so that
     * an option's argument is never taken for it); the scan stops quietly at the first error,
     * which the real parse then reports in the chosen release's words.
     *
     * @throws BlkparseExit for a release that is neither 1.2 nor 1.3
     */
    static Compat compat(String program, String[] args, ParseContext context, boolean posixlyCorrect) {
        String release = null;
        GnuGetopt.Scan scan = CommandOption.getopt(program, OPTIONS, posixlyCorrect).scan(args);
        try {
            for (GnuGetopt.Match match = scan.next(); match != null; match = scan.next()) {
                if (match.key() == COMPAT_KEY) {
                    release = match.argument();
                }
            }
        } catch (GetoptException rejectedLater) {
            // Reported by the parse proper.
        }
        try {
            return Compat.select(release, context.environment);
        } catch (IllegalArgumentException unknown) {
            throw new BlkparseExit(program + ": " + unknown.getMessage(), 1);
        }
    }

    /**
     * Reads the command line the way the chosen release of blkparse does: options in order,
     * then operands.
     *
     * @throws GetoptException for an option getopt rejects (the caller adds the usage text)
     * @throws BlkparseExit    for an argument blkparse rejects, and for {@code -V}
     */
    static ParseOptions parse(String program, String[] args, ParseContext context, boolean posixlyCorrect)
            throws GetoptException {
        return parse(program, args, context, posixlyCorrect, compat(program, args, context, posixlyCorrect));
    }

    /** As {@link #parse(String, String[], ParseContext, boolean)} for a release already chosen. */
    static ParseOptions parse(String program, String[] args, ParseContext context, boolean posixlyCorrect,
                              Compat compat) throws GetoptException {
        BlkparseCommand command = new BlkparseCommand(program, context);
        command.options.compat = compat;
        GnuGetopt.Scan scan = CommandOption.getopt(program, options(compat), posixlyCorrect).scan(args);
        for (GnuGetopt.Match match = scan.next(); match != null; match = scan.next()) {
            command.apply(match.key(), match.argument());
        }
        for (String operand : scan.operands()) {
            command.input(operand);
        }
        if (command.actMaskBits != 0) {
            command.options.actMask = command.actMaskBits;
        }
        return command.options;
    }

    private void apply(char key, String argument) {
        switch (key) {
            case 'a' -> actMask(argument);
            case 'A' -> setMask(argument);
            case 'b' -> batch(argument);
            case 'D' -> options.inputDir = argument;
            case 'd' -> options.dumpBinary = argument;
            case 'f' -> FormatSpecs.setAll(options.formats, argument);
            case 'F' -> formatSpec(argument);
            case 'h' -> options.hashByPid = false;
            case 'i' -> input(argument);
            case 'M' -> options.binaryOutputMessages = false;
            case 'o' -> options.outputName = argument;
            case 'O' -> options.textOutput = false;
            case 'q' -> options.perDeviceAndCpuStats = false;
            case 's' -> options.perProcessStats = true;
            case 'S' -> sortProgramStats(argument);
            case 't' -> options.trackIos = true;
            case 'w' -> stopwatch(argument);
            case 'v' -> options.verbose++;
            case 'V' -> version();
            case DUMP_VERSION_KEY -> dumpVersion(argument);
            case COMPAT_KEY -> { } // read before the parse: it chose the option table
            default -> throw new IllegalStateException("option without a handler: " + key);
        }
    }

    private void actMask(String name) {
        int mask = ActMasks.byName(name);
        if (mask < 0) {
            throw new BlkparseExit("Invalid action mask " + name, 1);
        }
        lastMaskValue = mask;
        actMaskBits |= mask;
    }

    private void setMask(String hex) {
        OptionalInt parsed = CNumbers.scanHex(hex);
        if (parsed.isPresent()) {
            lastMaskValue = parsed.getAsInt();
        }
        if (parsed.isEmpty() || !ActMasks.isValidSetMask(lastMaskValue)) {
            throw new BlkparseExit("Invalid set action mask " + hex + "/0x" + Integer.toHexString(lastMaskValue), 1);
        }
        actMaskBits = lastMaskValue;
    }

    /** -S: also turns on -s; an argument whose first letter names no order ends blkparse silently. */
    private void sortProgramStats(String event) {
        options.perProcessStats = true;
        ProgramSort sort = event.isEmpty() ? null : ProgramSort.ofLetter(event.charAt(0));
        if (sort == null) {
            throw new BlkparseExit(null, 1);
        }
        options.programSort = sort;
    }

    private void dumpVersion(String version) {
        switch (version) {
            case "7" -> options.dumpVersion = 7;
            case "8" -> options.dumpVersion = 8;
            default -> throw new BlkparseExit(program + ": --dump-version must be 7 or 8, not '" + version + "'", 1);
        }
    }

    private void batch(String count) {
        // Stored as C's unsigned int: a negative count wraps to a huge batch, only 0 means default.
        int batch = CNumbers.atoi(count);
        options.batch = batch == 0 ? ParseOptions.DEFAULT_BATCH : batch;
    }

    private void formatSpec(String spec) {
        String error = FormatSpecs.add(options.formats, spec);
        if (error != null) {
            throw new BlkparseExit(error, 1);
        }
    }

    private void input(String name) {
        if (options.pipeName == null && isPipe(name)) {
            options.pipeName = name;
        } else {
            options.inputs.add(name);
        }
    }

    private void stopwatch(String window) {
        CNumbers.ParsedDouble first = CNumbers.strtod(window, 0);
        if (first.end() == 0) {
            throw new BlkparseExit("Invalid stopwatch timer: " + window, 1);
        }
        CNumbers.ParsedDouble end = first;
        if (first.end() < window.length() && window.charAt(first.end()) == ':') {
            options.stopwatchStart = secondsToNanos(first.value());
            int from = first.end() + 1;
            end = CNumbers.strtod(window, from);
            if (end.end() == from || end.end() != window.length()) {
                throw new BlkparseExit("Invalid stopwatch duration time: " + window.substring(from), 1);
            }
        } else if (first.end() != window.length()) {
            throw new BlkparseExit("Invalid stopwatch start timer: " + window, 1);
        }
        // Without a START, the one from an earlier -w (or 0) stays.
        options.stopwatchEnd = secondsToNanos(end.value());
        if (Long.compareUnsigned(options.stopwatchEnd, options.stopwatchStart) <= 0) {
            throw new BlkparseExit("Invalid stopwatch interval: " + Long.toUnsignedString(options.stopwatchStart)
                    + " -> " + Long.toUnsignedString(options.stopwatchEnd), 1);
        }
    }

    /** blkparse's conversion: the double product, truncated to unsigned 64 bits. */
    private static long secondsToNanos(double seconds) {
        return CNumbers.doubleToUnsignedLong(seconds * 1e9);
    }

    private void version() {
        byte[] line = (program + " version " + version(options.compat) + "\n").getBytes(Charset.defaultCharset());
        try {
            context.stdout.write(line);
            context.stdout.flush();
        } catch (IOException unwritable) {
            // blkparse's buffered printf fails silently here and it still exits 0.
        }
        throw new BlkparseExit(null, 0);
    }

    /** "-" or an existing FIFO (symbolic links followed) is read as a stream. */
    private boolean isPipe(String name) {
        if (name.equals("-")) {
            return true;
        }
        try {
            int mode = (Integer) Files.getAttribute(context.resolve(name), "unix:mode");
            return (mode & S_IFMT) == S_IFIFO;
        } catch (IOException | InvalidPathException | UnsupportedOperationException notAFifo) {
            return false;
        }
    }
}
