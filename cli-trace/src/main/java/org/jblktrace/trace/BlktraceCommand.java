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
import org.jblktrace.core.cli.ActMasks;
import org.jblktrace.core.cli.CNumbers;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.cli.GnuGetopt;

/**
 * blktrace 2.0.0's command line: the same getopt table, options applied in command-line order
 * with blktrace's checks and messages (devices are opened as they are named), then the
 * operands as devices. Our own {@code --backend} follows the C table and matches only in full.
 */
final class BlktraceCommand {
    static final String VERSION = "2.0.0";
    /** Key of the long-only --backend option: any char that is no short option. */
    private static final char BACKEND_KEY = '\u0100';

    /** blktrace's long-option table, in its order ("version" twice, as in the C tool). */
    private static final List<GnuGetopt.LongOption> LONG_OPTIONS = List.of(
            new GnuGetopt.LongOption("dev", true, 'd'),
            new GnuGetopt.LongOption("input-devs", true, 'I'),
            new GnuGetopt.LongOption("act-mask", true, 'a'),
            new GnuGetopt.LongOption("set-mask", true, 'A'),
            new GnuGetopt.LongOption("relay", true, 'r'),
            new GnuGetopt.LongOption("output", true, 'o'),
            new GnuGetopt.LongOption("kill", false, 'k'),
            new GnuGetopt.LongOption("stopwatch", true, 'w'),
            new GnuGetopt.LongOption("version", false, 'v'),
            new GnuGetopt.LongOption("version", false, 'V'),
            new GnuGetopt.LongOption("buffer-size", true, 'b'),
            new GnuGetopt.LongOption("num-sub-buffers", true, 'n'),
            new GnuGetopt.LongOption("output-dir", true, 'D'),
            new GnuGetopt.LongOption("listen", false, 'l'),
            new GnuGetopt.LongOption("host", true, 'h'),
            new GnuGetopt.LongOption("port", true, 'p'),
            new GnuGetopt.LongOption("no-sendfile", false, 's'),
            new GnuGetopt.LongOption("backend", true, BACKEND_KEY, false));
    private static final String SHORT_OPTIONS = "d:a:A:r:o:kw:vVb:n:D:lh:p:sI:";

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
    static TraceRequest parse(String program, String[] args, PrintStream stdout, boolean posixlyCorrect)
            throws GetoptException {
        BlktraceCommand command = new BlktraceCommand(program, stdout);
        GnuGetopt.Scan scan = new GnuGetopt(program, SHORT_OPTIONS, LONG_OPTIONS, posixlyCorrect).scan(args);
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
        long value = CStrtoul.parse(kib);
        if (value == 0 || Long.compareUnsigned(value, 16 * 1024) > 0) {
            throw new BlktraceExit("Invalid buffer size (" + Long.toUnsignedString(value) + ")", 1);
        }
        request.bufferBytes = value << 10;
        request.bufferGiven = true;
    }

    private void bufferCount(String count) {
        long value = CStrtoul.parse(count);
        if (value == 0) {
            throw new BlktraceExit("Invalid buffer nr (" + Long.toUnsignedString(value) + ")", 1);
        }
        request.bufferCount = value;
        request.bufferGiven = true;
    }

    private void backend(String name) {
        request.backend = switch (name.toLowerCase(Locale.ROOT)) {
            case "auto" -> TraceRequest.Backend.AUTO;
            case "relay" -> TraceRequest.Backend.RELAY;
            case "ftrace" -> TraceRequest.Backend.FTRACE;
            case "module" -> TraceRequest.Backend.MODULE;
            default -> throw new BlktraceExit(program + ": invalid backend '" + name
                    + "' (choose auto, relay, ftrace or module)", 1);
        };
    }

    private void version() {
        stdout.print(program + " version " + VERSION + "\n");
        stdout.flush();
        throw new BlktraceExit(null, 0);
    }
}
