package org.jblktrace.trace;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.jblktrace.core.capture.Backend;
import org.jblktrace.core.cli.ActMasks;
import org.jblktrace.core.cli.CNumbers;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.cli.GnuGetopt;
import org.jblktrace.core.record.Blk;

/**
 * blktrace 2.0.0's command line: the same getopt table, options applied in command-line order
 * with blktrace's checks and messages (devices are opened as they are named), then the
 * operands as devices. Our own {@code --backend} and {@code --trace-version} follow the C table
 * and match only in full.
 * {@link #OPTIONS} is the one description of the options: getopt is built from it, and so are
 * the man page and the shell completion, at build time.
 */
final class BlktraceCommand {
    static final String VERSION = "2.0.0";
    /** Key of the long-only --backend option: any char that is no short option. */
    private static final char BACKEND_KEY = '\u0100';
    /** Key of the long-only --trace-version option. */
    private static final char TRACE_VERSION_KEY = '\u0101';
    private static final String VERSION_DESCRIPTION = "Print the version and exit.";

    /** blktrace's long-option table, in its order ("version" twice, as in the C tool). */
    static final List<CommandOption> OPTIONS = List.of(
            CommandOption.of('d', "dev", "dev",
                    "Trace this block device. Repeat for more devices; devices may also be given as operands."),
            CommandOption.of('I', "input-devs", "devs file",
                    "Trace the devices named in this file, separated by white space."),
            CommandOption.of('a', "act-mask", "action field",
                    "Trace only events of this category (read, write, flush, sync, queue, requeue, issue, "
                    + "complete, fs, pc, notify, ahead, meta, discard, drv_data, fua). Repeat to add categories.")
                    .withValues(ActMasks.names()),
            CommandOption.of('A', "set-mask", "action mask",
                    "Trace only events whose categories are in this hexadecimal mask (1 to ffff), "
                    + "replacing any earlier -a or -A."),
            CommandOption.of('r', "relay", "debugfs path",
                    "Where debugfs is mounted (default /sys/kernel/debug)."),
            CommandOption.of('o', "output", "file",
                    "Name the output files FILE.blktrace.<cpu> instead of DEVICE.blktrace.<cpu>; "
                    + "'-' writes one stream to stdout, for blkparse -i -. Only with one device (except '-')."),
            CommandOption.of('k', "kill", null,
                    "Put back the tracefs settings a killed ftrace run left (no -d needed), tear down the module "
                    + "traces a killed run left on the devices, then stop and tear down whatever blktrace trace "
                    + "the devices have, and exit."),
            CommandOption.of('w', "stopwatch", "time", "Stop after this many seconds (a whole number above 0)."),
            CommandOption.of('v', "version", null, VERSION_DESCRIPTION),
            CommandOption.of('V', "version", null, VERSION_DESCRIPTION),
            CommandOption.of('b', "buffer-size", "size", "Sub-buffer size in KiB (1 to 16384, default 512)."),
            CommandOption.of('n', "num-sub-buffers", "number", "Number of sub-buffers per CPU (default 4)."),
            CommandOption.of('D', "output-dir", "dir", "Put the output files in this directory, made if missing."),
            CommandOption.of('l', "listen", null,
                    "Run as a network server: receive traces from blktrace -h clients into DIR/IP-DATE-TIME/."),
            CommandOption.of('h', "host", "hostname",
                    "Run as a network client: trace here and send the events to the server on this host."),
            CommandOption.of('p', "port", "port number", "Network port of the server (default 8462)."),
            CommandOption.of('s', "no-sendfile", null, "Network client: one connection per CPU instead of one per device and CPU."),
            new CommandOption(BACKEND_KEY, "backend", "backend", false,
                    "Capture path: auto (the default: relay files, then ftrace where lockdown refuses them, "
                    + "then the jblktrace module), relay, ftrace or module. Matches only in full.")
                    .withValues(Stream.concat(Stream.of("auto"), Backend.AUTO.stream().map(Backend::label))
                            .toList()),
            new CommandOption(TRACE_VERSION_KEY, "trace-version", "version", false,
                    "Record format: 8 (blk_io_trace2, with zone operations; what Linux 6.19 and later record) or "
                    + "7 (blk_io_trace, which blkparse 1.2 and 1.3 read). The default is the kernel's own: 8 from "
                    + "Linux 6.19 on, else 7; 7 when JBLKTRACE_COMPAT is 1.2 or 1.3. Every capture path records "
                    + "either, except relay on kernels before 6.19 (7 only). Matches only in full.")
                    .withValues(List.of("7", "8")));

    private final TraceRequest request = new TraceRequest();
    private final String program;
    private final PrintStream stdout;
    /** The C tool's conversion variable, shared by -a and -A: a failed -A prints its old value. */
    private int lastMaskValue;
    private int maskFromOptions;

    private BlktraceCommand(String program, PrintStream stdout) {
        this.program = program;
        this.stdout = stdout;
    }

    /**
     * Reads the command line as blktrace does.
     *
     * @throws GetoptException for what getopt rejects (the caller adds the usage text)
     * @throws BlktraceExit    for an argument blktrace rejects, and after -v/-V
     */
    static TraceRequest parse(String program, String[] args, PrintStream stdout, boolean posixlyCorrect,
            Compat compat) throws GetoptException {
        BlktraceCommand command = new BlktraceCommand(program, stdout);
        if (!compat.acceptsVersion8()) {
            command.request.traceVersion = Blk.VERSION_7;
        }
        GnuGetopt.Scan scan = CommandOption.getopt(program, OPTIONS, posixlyCorrect).scan(args);
        for (GnuGetopt.Match match = scan.next(); match != null; match = scan.next()) {
            command.apply(match.key(), match.argument());
        }
        for (String operand : scan.operands()) {
            command.addDevice(operand);
        }
        if (command.maskFromOptions != 0) {
            command.request.actMask = command.maskFromOptions;
        }
        return command.request;
    }

    private void apply(char key, String argument) {
        switch (key) {
            case 'a' -> actMask(argument);
            case 'A' -> setMask(argument);
            case 'd' -> addDevice(argument);
            case 'I' -> addDevicesFromFile(argument);
            case 'r' -> request.debugfsPath = argument;
            case 'o' -> request.outputName = argument;
            case 'k' -> request.kill = true;
            case 'w' -> stopwatch(argument);
            case 'v', 'V' -> version();
            case 'b' -> bufferSize(argument);
            case 'n' -> bufferCount(argument);
            case 'D' -> request.outputDir = argument;
            case 'h' -> {
                request.host = argument;
                request.listen = false;
            }
            case 'l' -> request.listen = true;
            case 'p' -> request.port = CNumbers.atoi(argument);
            case 's' -> request.noSendfile = true;
            case BACKEND_KEY -> backend(argument);
            case TRACE_VERSION_KEY -> traceVersion(argument);
            default -> throw new IllegalStateException("option without a handler: " + key);
        }
    }

    private void actMask(String name) {
        int mask = ActMasks.byName(name);
        if (mask < 0) {
            throw new BlktraceExit("Invalid action mask " + name, 1);
        }
        lastMaskValue = mask;
        maskFromOptions |= mask;
    }

    private void setMask(String hex) {
        OptionalInt parsed = CNumbers.scanHex(hex);
        if (parsed.isPresent()) {
            lastMaskValue = parsed.getAsInt();
        }
        if (parsed.isEmpty() || !ActMasks.isValidSetMask(lastMaskValue)) {
            throw new BlktraceExit("Invalid set action mask " + hex + "/0x" + Integer.toHexString(lastMaskValue), 1);
        }
        maskFromOptions = lastMaskValue;
    }

    /** Each path once; opened right away, as blktrace checks a device before going on. */
    private void addDevice(String path) {
        if (request.devices.contains(path)) {
            return;
        }
        try {
            Posix.libc().close(Posix.libc().open(path, Posix.O_RDONLY | Posix.O_NONBLOCK, 0));
        } catch (LastErrorException e) {
            throw new BlktraceExit("Invalid path " + path + " specified: " + Posix.describe(e), 1);
        }
        request.devices.add(path);
    }

    /** Whitespace-separated device paths; a file that cannot be read (a directory) names none. */
    private void addDevicesFromFile(String file) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new BlktraceExit("Invalid file for devices " + file, 1);
        }
        String text;
        try {
            text = Files.isDirectory(path) ? "" : new String(Files.readAllBytes(path), Charset.defaultCharset());
        } catch (IOException e) {
            throw new BlktraceExit("Invalid file for devices " + file, 1);
        }
        for (String device : words(text)) {
            addDevice(device);
        }
    }

    /** Words separated by C white space (space, \t, \n, \v, \f, \r). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || text.charAt(i) == ' '
                    || (text.charAt(i) >= '\t' && text.charAt(i) <= '\r');
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private void stopwatch(String seconds) {
        int value = CNumbers.atoi(seconds);
        if (value <= 0) {
            throw new BlktraceExit("Invalid stopwatch value (" + value + " secs)", 1);
        }
        request.stopwatchSeconds = value;
    }

    private void bufferSize(String kib) {
        long value = CNumbers.strtoul(kib);
        if (value == 0 || Long.compareUnsigned(value, 16 * 1024) > 0) {
            throw new BlktraceExit("Invalid buffer size (" + Long.toUnsignedString(value) + ")", 1);
        }
        request.bufferBytes = value << 10;
        request.bufferGiven = true;
    }

    private void bufferCount(String count) {
        long value = CNumbers.strtoul(count);
        if (value == 0) {
            throw new BlktraceExit("Invalid buffer nr (" + Long.toUnsignedString(value) + ")", 1);
        }
        request.bufferCount = value;
        request.bufferGiven = true;
    }

    private void backend(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        if (wanted.equals("auto")) {
            request.backends = Backend.AUTO;
            return;
        }
        for (Backend backend : Backend.AUTO) {
            if (backend.label().equals(wanted)) {
                request.backends = List.of(backend);
                return;
            }
        }
        throw new BlktraceExit(program + ": invalid backend '" + name + "' (choose auto, relay, ftrace or module)", 1);
    }

    private void traceVersion(String version) {
        request.traceVersion = switch (version) {
            case "7" -> Blk.VERSION_7;
            case "8" -> Blk.VERSION_8;
            default -> throw new BlktraceExit(program + ": invalid trace version '" + version + "' (choose 7 or 8)", 1);
        };
    }

    private void version() {
        stdout.print(program + " version " + VERSION + "\n");
        stdout.flush();
        throw new BlktraceExit(null, 0);
    }
}
