package org.jblktrace.btt;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import org.jblktrace.core.btt.BttExit;
import org.jblktrace.core.btt.BttOptions;
import org.jblktrace.core.cli.CNumbers;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.cli.GnuGetopt;

/**
 * btt's options. {@link #OPTIONS} is their one description: getopt is built from it (the order
 * of btt 2.09's long-option table, which decides abbreviations), and so are the man page and
 * the shell completion. btt's table has two quirks kept here: --do-active is not -Z but a
 * flag form of -z that clears -z's file name, and -Z has no long form.
 */
final class BttCommand {
    static final String VERSION = "2.09";
    static final char DO_ACTIVE = '\u0100';
    static final char COMPAT = '\u0101';
    static final char PERCENTILES = '\u0102';
    static final char JSON = '\u0103';
    static final char TRACE = '\u0104';
    static final char TRACE_DIR = '\u0105';

    static final List<CommandOption> OPTIONS = List.of(
            CommandOption.of('a', "seek-absolute", null,
                    "Seek distances are from the end of one request to the start of the next, signed; "
                    + "without -a, overlapping requests are no seek and distances go to the nearer end."),
            CommandOption.of('A', "all-data", null,
                    "Also print every latency per process and per device, and the Q2D histogram."),
            CommandOption.of('B', "dump-blocknos", "output name",
                    "Write the blocks of each issued request to NAME_DEV_r.dat, _w.dat and _c.dat "
                    + "(reads, writes, both)."),
            CommandOption.of('d', "range-delta", "seconds",
                    "Gaps shorter than this (default 0.1) do not end an activity period in the .dat ranges."),
            CommandOption.of('D', "devices", "dev;...",
                    "Report only these devices, as major,minor separated by semicolons, in this order."),
            CommandOption.of('e', "exes", "exe,...",
                    "Report only these programs, by name, separated by commas."),
            CommandOption.of('h', "help", null, "Print the usage summary on stderr and exit."),
            CommandOption.of('i', "input-file", "input name",
                    "The trace to analyse: a binary dump written by blkparse -d."),
            CommandOption.of('I', "iostat", "output name",
                    "Write iostat-like statistics per device for every interval (see -S) to this file."),
            CommandOption.of('l', "d2c-latencies", "output name",
                    "Write each request's D2C latency to NAME_DEV_d2c.dat (completion time, latency)."),
            CommandOption.of('L', "periodic-latencies", "freq",
                    "Write average Q2D, Q2C and D2C latencies over periods of this many seconds to "
                    + "DEV_q2d_plat.dat, DEV_q2c_plat.dat and DEV_d2c_plat.dat."),
            CommandOption.of('m', "seeks-per-second", "output name",
                    "Write seeks per second to NAME_DEV.dat; needs -s."),
            CommandOption.of('M', "dev-maps", "dev map",
                    "Name devices from a file of \"NAME MAJOR,MINOR\" lines (read when the option is seen)."),
            CommandOption.of('o', "output-file", "output name",
                    "Write the report to NAME.avg, the activity ranges to NAME.dat, messages to NAME.msg "
                    + "and the Q and D size histograms to NAME_qhist.dat and NAME_dhist.dat, instead of stdout."),
            CommandOption.of('p', "per-io-dump", "output name",
                    "Write the events of every completed request to this file."),
            CommandOption.of('P', "per-io-trees", "output name",
                    "Write the Q times, D time and C time of every completion to DEV_pit.dat "
                    + "(the name given is not used, as in btt)."),
            CommandOption.of('q', "q2c-latencies", "output name",
                    "Write each request's Q2C latency to NAME_DEV_q2c.dat (queue time, latency)."),
            CommandOption.of('Q', "active-queue-depth", "output name",
                    "Write the number of requests at the device over time to NAME_DEV_aqd.dat."),
            CommandOption.of('r', "no-remaps", null, "Ignore remap (A) events."),
            CommandOption.of('s', "seeks", "output name",
                    "Write the seek distance of each request to NAME_DEV_d2d_r.dat, _w.dat, _c.dat (issues) "
                    + "and NAME_DEV_q2q_*.dat (queues)."),
            CommandOption.of('S', "iostat-interval", "interval",
                    "Seconds between -I's lines (default 1)."),
            CommandOption.of('t', "time-start", "sec",
                    "Ignore events before this time in seconds. With -t or -T both bounds apply, and "
                    + "the end is 0 unless -T gives it."),
            CommandOption.of('T', "time-end", "sec", "Stop at the first event after this time in seconds."),
            CommandOption.of('u', "unplug-hist", "output name",
                    "Write a histogram of requests per unplug, in buckets of 5, to NAME_DEV.dat."),
            CommandOption.of('V', "version", null, "Print the version and exit."),
            CommandOption.of('v', "verbose", null,
                    "Print progress on stdout, the files -o opens and the trace rate at the end."),
            new CommandOption(DO_ACTIVE, "do-active", null, true,
                    "As in btt 2.09, this is not -Z: it clears the file name of an earlier -z."),
            CommandOption.of('X', "easy-parse-avgs", null,
                    "With -o, also write the main figures to NAME.xvg, one record per line."),
            CommandOption.of('z', "q2d-latencies", "output name",
                    "Write each request's Q2D latency to NAME_DEV_q2d.dat (issue time, latency)."),
            CommandOption.of('Z', null, null,
                    "Write the periods each device was active to DEV_live.dat and sys_live.dat."),
            new CommandOption(COMPAT, "compat", "release", false,
                    "Reproduce Debian's btt of this blktrace release: 1.2 (Debian 12) or 1.3 (Debian 13, "
                    + "which counts some merged, split and remapped requests differently). The default, "
                    + "also set by JBLKTRACE_COMPAT, is 1.3 plus version 8 traces.").withValues(List.of("1.2", "1.3")),
            new CommandOption(PERCENTILES, "percentiles", null, false,
                    "Add a section with the 50th, 90th, 99th and 99.9th percentiles and maximum of Q2C, D2C, "
                    + "Q2D and I2D, for all devices, each device and each program (within 0.1%)."),
            new CommandOption(JSON, "json", "file", false,
                    "Also write the whole report, percentiles included, as JSON to this file ('-' for stdout)."),
            new CommandOption(TRACE, "trace", "name", false,
                    "Analyse the trace NAME.blktrace.N directly, merged as blkparse merges it, instead of a "
                    + "dump; repeat for several devices; '-' reads a blktrace -o - stream from stdin."),
            new CommandOption(TRACE_DIR, "trace-dir", "dir", false,
                    "Directory of --trace's files (default the current directory)."));

    private final BttOptions options = new BttOptions();
    private final String program;
    private final java.io.OutputStream stdout;
    private final java.nio.file.Path workingDir;

    private BttCommand(String program, java.io.OutputStream stdout, java.nio.file.Path workingDir) {
        this.program = program;
        this.stdout = stdout;
        this.workingDir = workingDir;
    }

    /**
     * Reads the command line the way btt 2.09 does, options in order (-M's file is read when
     * it is met); operands are ignored, as btt ignores them.
     *
     * @throws GetoptException for an option getopt rejects (the caller adds the usage text)
     * @throws BttExit         for -h, -V, a missing -i and arguments btt rejects
     */
    static BttOptions parse(String program, String[] args, Compat compat, java.io.OutputStream stdout,
                            java.nio.file.Path workingDir, boolean posixlyCorrect) throws GetoptException {
        BttCommand command = new BttCommand(program, stdout, workingDir);
        command.options.compat = compat;
        GnuGetopt.Scan scan = CommandOption.getopt(program, OPTIONS, posixlyCorrect).scan(args);
        for (GnuGetopt.Match match = scan.next(); match != null; match = scan.next()) {
            command.apply(match.key(), match.argument());
        }
        BttOptions o = command.options;
        if (o.input == null && o.traces.isEmpty()) {
            throw new BttExit(usage(program), 1);
        }
        if (o.seeksPerSecond != null && o.seeks == null) {
            throw new BttExit("FATAL: -m option requires -s options", 1);
        }
        if (o.traceDir != null && o.traces.isEmpty()) {
            throw new BttExit(program + ": --trace-dir needs --trace", 1);
        }
        if (o.traces.contains("-") && o.traces.size() > 1) {
            throw new BttExit(program + ": --trace=- reads stdin alone and takes no other --trace", 1);
        }
        if (o.input != null && !o.traces.isEmpty()) {
            throw new BttExit(program + ": -i reads a dump and --trace a trace: give one of them", 1);
        }
        return o;
    }

    static String usage(String program) {
        return "Usage: " + program + " " + BttMain.USAGE;
    }

    private void apply(char key, String argument) {
        BttOptions o = options;
        switch (key) {
            case 'a' -> o.seekAbsolute = true;
            case 'A' -> o.allData = true;
            case 'B' -> o.blockNumbers = argument;
            case 'd' -> o.rangeDelta = scanDouble(argument, o.rangeDelta);
            case 'D' -> o.devices = argument;
            case 'e' -> o.exes = argument;
            case 'h' -> throw new BttExit(usage(program), 0);
            case 'i' -> o.input = argument;
            case 'l' -> o.d2cLatencies = argument;
            case 'L' -> o.periodicLatencies = CNumbers.strtod(argument, 0).value();
            case 'I' -> o.iostat = argument;
            case 'm' -> o.seeksPerSecond = argument;
            case 'M' -> deviceMap(argument);
            case 'o' -> o.output = argument;
            case 'p' -> o.perIoDump = argument;
            case 'P' -> o.perIoTrees = argument;
            case 'q' -> o.q2cLatencies = argument;
            case 'Q' -> o.activeQueueDepth = argument;
            case 'r' -> o.noRemaps = true;
            case 's' -> o.seeks = argument;
            case 'S' -> iostatInterval(argument);
            case 't' -> {
                o.timeStart = scanDouble(argument, o.timeStart);
                o.timeBounded = true;
            }
            case 'T' -> {
                o.timeEnd = scanDouble(argument, o.timeEnd);
                o.timeBounded = true;
            }
            case 'u' -> o.unplugHistogram = argument;
            case 'v' -> o.verbose = true;
            case 'V' -> version();
            case 'X' -> o.easyParse = true;
            case 'z' -> o.q2dLatencies = argument;
            case DO_ACTIVE -> o.q2dLatencies = null;
            case 'Z' -> o.activeFiles = true;
            case COMPAT -> compat(argument);
            case PERCENTILES -> o.percentiles = true;
            case JSON -> o.json = argument;
            case TRACE -> o.traces.add(argument);
            case TRACE_DIR -> o.traceDir = argument;
            default -> throw new IllegalStateException("option without a handler: " + key);
        }
    }

    /** sscanf("%lf"): the value when one converts, else what the variable held. */
    private static double scanDouble(String text, double previous) {
        CNumbers.ParsedDouble parsed = CNumbers.strtod(text, 0);
        return parsed.end() == 0 ? previous : parsed.value();
    }

    /** sscanf("%u") into btt's uninitialised local: a failed conversion is refused here instead. */
    private void iostatInterval(String text) {
        String t = text.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        if (i >= t.length() || !Character.isDigit(t.charAt(i))) {
            throw new BttExit(program + ": -S: invalid interval '" + text + "' (whole seconds)", 1);
        }
        long seconds = CNumbers.strtoul(text) & 0xFFFFFFFFL;
        options.iostatInterval = seconds * 1_000_000_000L;
    }

    private void deviceMap(String name) {
        try {
            options.deviceMap.read(workingDir.resolve(name));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BttExit(name + ": No such file or directory", 1);
        } catch (IOException e) {
            throw new BttExit(name + ": " + (e.getMessage() == null ? "Input/output error" : e.getMessage()), 1);
        }
    }

    private void compat(String release) {
        Compat c = Compat.ofRelease(release);
        if (c == null) {
            throw new BttExit(program + ": --compat must be 1.2 or 1.3, not '" + release + "'", 1);
        }
        options.compat = c;
    }

    private void version() {
        byte[] line = (program + " version " + VERSION + "\n").getBytes(Charset.defaultCharset());
        try {
            stdout.write(line);
            stdout.flush();
        } catch (IOException unwritable) {
            // btt's printf fails silently and it still exits 0.
        }
        throw new BttExit(null, 0);
    }
}
