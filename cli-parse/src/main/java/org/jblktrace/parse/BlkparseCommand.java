package org.jblktrace.parse;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jblktrace.core.cli.ActMasks;
import org.jblktrace.core.cli.CNumbers;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.cli.GnuGetopt;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.core.parse.ParseOptions;
import org.jblktrace.core.parse.format.FormatSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * blkparse's options. The annotations are the one description of them: the getopt tables are
 * derived from them (the {@code order} attributes give blkparse 1.2.0's long-option table
 * order, which decides abbreviations and ambiguity lists), and they serve man page and
 * completion generation. picocli's own parser is not used: it cannot reproduce getopt's
 * behaviour and messages byte for byte. Each option method applies one occurrence, in
 * command-line order, with blkparse's validation and its exact messages; flag methods take
 * the boolean picocli binds them with, which is always true here.
 */
@Command(name = "blkparse", version = "blkparse version " + BlkparseCommand.VERSION,
        description = "Reads block I/O traces recorded by blktrace and prints them as text, "
                + "with per-CPU, per-device and optionally per-program statistics.")
final class BlkparseCommand {
    static final String VERSION = "1.2.0";
    /** File type bits of {@code st_mode}, and the FIFO type. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

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

    BlkparseCommand(String program, ParseContext context) {
        this.program = program;
        this.context = context;
    }

    /**
     * Reads the command line the way blkparse 1.2.0 does: options in order, then operands.
     *
     * @throws GetoptException for an option getopt rejects (the caller adds the usage text)
     * @throws BlkparseExit    for an argument blkparse rejects, and for {@code -V}
     */
    static ParseOptions parse(String program, String[] args, ParseContext context, boolean posixlyCorrect)
            throws GetoptException {
        BlkparseCommand command = new BlkparseCommand(program, context);
        List<OptionSpec> table = optionTable(CommandSpec.forAnnotatedObject(command));
        Map<Character, OptionSpec> byKey = new HashMap<>();
        for (OptionSpec option : table) {
            byKey.put(shortLetter(option), option);
        }
        GnuGetopt.Scan scan = getopt(table, program, posixlyCorrect).scan(args);
        for (GnuGetopt.Match match = scan.next(); match != null; match = scan.next()) {
            apply(byKey.get(match.key()), match.argument());
        }
        for (String operand : scan.operands()) {
            command.input(operand);
        }
        if (command.actMaskBits != 0) {
            command.options.actMask = command.actMaskBits;
        }
        return command.options;
    }

    /** The options in blkparse's long-option table order. */
    static List<OptionSpec> optionTable(CommandSpec spec) {
        List<OptionSpec> table = new ArrayList<>(spec.options());
        table.sort(Comparator.comparingInt(OptionSpec::order));
        return table;
    }

    /** getopt's short-option string and long-option table for {@code table}. */
    private static GnuGetopt getopt(List<OptionSpec> table, String program, boolean posixlyCorrect) {
        StringBuilder shortOptions = new StringBuilder();
        List<GnuGetopt.LongOption> longOptions = new ArrayList<>();
        for (OptionSpec option : table) {
            char letter = shortLetter(option);
            boolean takesArgument = option.arity().max() > 0;
            shortOptions.append(letter);
            if (takesArgument) {
                shortOptions.append(':');
            }
            longOptions.add(new GnuGetopt.LongOption(option.longestName().substring(2), takesArgument, letter));
        }
        return new GnuGetopt(program, shortOptions.toString(), longOptions, posixlyCorrect);
    }

    private static char shortLetter(OptionSpec option) {
        return option.shortestName().charAt(1);
    }

    private static void apply(OptionSpec option, String argument) {
        try {
            option.setter().set(argument != null ? argument : Boolean.TRUE);
        } catch (Exception wrapped) {
            // picocli wraps what an option method throws; ours are deliberate exits.
            if (wrapped.getCause() instanceof BlkparseExit exit) {
                throw exit;
            }
            throw new IllegalStateException(option.longestName() + ": " + wrapped.getMessage(), wrapped);
        }
    }

    @Option(names = {"-a", "--act-mask"}, paramLabel = "<action field>", order = 0,
            description = "Show only events of this category (read, write, flush, sync, queue, requeue, "
                    + "issue, complete, fs, pc, notify, ahead, meta, discard, drv_data, fua; "
                    + "a BLK_TC_ prefix and any case are accepted). Repeat to add categories.")
    void actMask(String name) {
        int mask = ActMasks.byName(name);
        if (mask < 0) {
            throw new BlkparseExit("Invalid action mask " + name, 1);
        }
        lastMaskValue = mask;
        actMaskBits |= mask;
    }

    @Option(names = {"-A", "--set-mask"}, paramLabel = "<action mask>", order = 1,
            description = "Show only events whose categories are in this hexadecimal mask "
                    + "(1 to ffff), replacing any earlier -a or -A.")
    void setMask(String hex) {
        OptionalInt parsed = CNumbers.scanHex(hex);
        if (parsed.isPresent()) {
            lastMaskValue = parsed.getAsInt();
        }
        if (parsed.isEmpty() || !ActMasks.isValidSetMask(lastMaskValue)) {
            throw new BlkparseExit("Invalid set action mask " + hex + "/0x" + Integer.toHexString(lastMaskValue), 1);
        }
        actMaskBits = lastMaskValue;
    }

    @Option(names = {"-b", "--batch"}, paramLabel = "<traces>", order = 2,
            description = "Read this many events at a time (default 512); the batch size can change "
                    + "the order of events with equal times.")
    void batch(String count) {
        // Stored as C's unsigned int: a negative count wraps to a huge batch, only 0 means default.
        int batch = CNumbers.atoi(count);
        options.batch = batch == 0 ? ParseOptions.DEFAULT_BATCH : batch;
    }

    @Option(names = {"-D", "--input-directory"}, paramLabel = "<dir>", order = 3,
            description = "Directory that input names are looked up in.")
    void inputDirectory(String dir) {
        options.inputDir = dir;
    }

    @Option(names = {"-d", "--dump-binary"}, paramLabel = "<file>", order = 4,
            description = "Also write the events that were shown as a binary trace to this file ('-' for stdout).")
    void dumpBinary(String file) {
        options.dumpBinary = file;
    }

    @Option(names = {"-f", "--format"}, paramLabel = "<format>", order = 5,
            description = "Output format for every action that has no -F format yet.")
    void format(String format) {
        FormatSpecs.setAll(options.formats, format);
    }

    @Option(names = {"-F", "--format-spec"}, paramLabel = "<spec>", order = 6,
            description = "Output format for one action, written as LETTER,FORMAT (for example Q,%%T %%S).")
    void formatSpec(String spec) {
        String error = FormatSpecs.add(options.formats, spec);
        if (error != null) {
            throw new BlkparseExit(error, 1);
        }
    }

    @Option(names = {"-h", "--hash-by-name"}, order = 7,
            description = "Group per-program statistics by process name instead of by process id.")
    void hashByName(boolean on) {
        options.hashByPid = false;
    }

    @Option(names = {"-i", "--input"}, paramLabel = "<file>", order = 8,
            description = "Trace to read: the NAME of NAME.blktrace.<cpu> files, or '-' or a FIFO "
                    + "for a piped stream. Operands are read the same way.")
    void input(String name) {
        if (options.pipeName == null && isPipe(name)) {
            options.pipeName = name;
        } else {
            options.inputs.add(name);
        }
    }

    @Option(names = {"-M", "--no-msgs"}, order = 9,
            description = "Leave message notes out of the -d binary output.")
    void noMessages(boolean on) {
        options.binaryOutputMessages = false;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "<file>", order = 10,
            description = "Write the text output to this file instead of stdout.")
    void output(String file) {
        options.outputName = file;
    }

    @Option(names = {"-O", "--no-text-output"}, order = 11,
            description = "Write no text at all (useful with -d).")
    void noTextOutput(boolean on) {
        options.textOutput = false;
    }

    @Option(names = {"-q", "--quiet"}, order = 12,
            description = "Leave out the per-device and per-CPU statistics.")
    void quiet(boolean on) {
        options.perDeviceAndCpuStats = false;
    }

    @Option(names = {"-s", "--per-program-stats"}, order = 13,
            description = "Print I/O statistics for every program.")
    void perProgramStats(boolean on) {
        options.perProcessStats = true;
    }

    @Option(names = {"-t", "--track-ios"}, order = 14,
            description = "Follow each request and show how long it took to be queued, dispatched and completed.")
    void trackIos(boolean on) {
        options.trackIos = true;
    }

    @Option(names = {"-w", "--stopwatch"}, paramLabel = "<time>", order = 15,
            description = "Show only events in a time window, in seconds from the start of the trace: "
                    + "END, or START:END (the second number is an end time, not a duration).")
    void stopwatch(String window) {
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

    @Option(names = {"-v", "--verbose"}, order = 16,
            description = "Report marginal problems (such as skipped events) on stderr.")
    void verbose(boolean on) {
        options.verbose++;
    }

    @Option(names = {"-V", "--version"}, order = 17,
            description = "Print the version and exit, ignoring the rest of the command line.")
    void version(boolean on) {
        byte[] line = (program + " version " + VERSION + "\n").getBytes(Charset.defaultCharset());
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
