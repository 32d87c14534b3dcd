package org.jblktrace.reqlog;

import java.util.List;
import java.util.Locale;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.cli.GnuGetopt;
import org.jblktrace.core.reqlog.TracedRequests;

/**
 * reqlog's command line: a subcommand and its operands, with long options anywhere. The seed's
 * three subcommands take the request log's device; {@code watch}, {@code map} and
 * {@code migrate} take block devices. {@link #OPTIONS} is the one description of the options:
 * getopt is built from it, and so are the man page and the shell completion, at build time.
 */
final class ReqlogCommand {
    static final String VERSION = "0.1.0";
    /** The seed's usage line, for no or bad arguments. */
    static final String USAGE = "Usage: reqlog enable|disable|read device";
    private static final char MAX_PASSES = '\u0100';
    private static final char SECONDS = '\u0101';
    private static final char BACKEND = '\u0102';
    private static final char BUFFER_SIZE = '\u0103';

    /** How the requests are captured: /dev/reqlog, or one of blktrace's paths. */
    enum Source {
        AUTO, REQLOG, RELAY, FTRACE, MODULE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final List<CommandOption> OPTIONS = List.of(
            new CommandOption(MAX_PASSES, "max-passes", "N", false,
                    "migrate: after SIGINT or SIGTERM, give up after N more passes that each find new writes "
                    + "(default 20)."),
            new CommandOption(SECONDS, "seconds", "N", false,
                    "map: record for N seconds (default: until SIGINT or SIGTERM)."),
            new CommandOption(BACKEND, "backend", "source", false,
                    "watch, map, migrate: where the requests come from: auto (the default: /dev/reqlog for map and "
                    + "migrate when the module is loaded, else blktrace's relay files, ftrace, module), reqlog, "
                    + "relay, ftrace or module.")
                    .withValues(List.of("auto", "reqlog", "relay", "ftrace", "module")),
            new CommandOption(BUFFER_SIZE, "buffer-size", "KiB", false,
                    "watch, map, migrate through relay, ftrace or module: the capture's buffer per CPU (8 to 1048576, "
                    + "default 8192). Events that overrun it are lost: map then fails, migrate copies everything "
                    + "again."),
            CommandOption.of('h', "help", null, "Print the usage and exit."),
            CommandOption.of('V', "version", null, "Print the version and exit."));

    /** What to do. */
    record Request(String action, List<String> operands, int maxPasses, int seconds, Source source, int bufferKib) {
    }

    /** A command line that reqlog rejects; the message goes before the usage line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private ReqlogCommand() {
    }

    static Request parse(String[] args) throws UsageException {
        int maxPasses = 20;
        int seconds = 0;
        Source source = Source.AUTO;
        int bufferKib = TracedRequests.DEFAULT_BUFFER_KIB;
        String special = null;
        GnuGetopt.Scan scan = CommandOption.getopt("reqlog", OPTIONS, false).scan(args);
        try {
            for (GnuGetopt.Match match = scan.next(); match != null; match = scan.next()) {
                switch (match.key()) {
                    case MAX_PASSES -> maxPasses = positive("--max-passes", match.argument());
                    case SECONDS -> seconds = positive("--seconds", match.argument());
                    case BACKEND -> source = source(match.argument());
                    case BUFFER_SIZE -> bufferKib = bufferSize(match.argument());
                    case 'h' -> special = "help";
                    case 'V' -> special = "version";
                    default -> throw new IllegalStateException("option without a handler: " + match.key());
                }
            }
        } catch (GetoptException e) {
            throw new UsageException(e.getMessage());
        }
        if (special != null) {
            return new Request(special, List.of(), maxPasses, seconds, source, bufferKib);
        }
        List<String> operands = scan.operands();
        if (operands.isEmpty()) {
            throw new UsageException(null);
        }
        String action = operands.get(0);
        List<String> rest = operands.subList(1, operands.size());
        int wanted = switch (action) {
            case "enable", "disable", "read", "watch", "map" -> 1;
            case "migrate" -> 2;
            default -> throw new UsageException(null);
        };
        if (rest.size() != wanted) {
            throw new UsageException(action.equals("migrate") ? "reqlog migrate needs SOURCE and TARGET"
                    : action.matches("watch|map") ? "reqlog " + action + " needs one block device" : null);
        }
        return new Request(action, List.copyOf(rest), maxPasses, seconds, source, bufferKib);
    }

    private static int positive(String option, String text) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("reqlog: " + option + " needs a whole number above 0, not '" + text + "'");
    }

    private static int bufferSize(String text) throws UsageException {
        int kib = positive("--buffer-size", text);
        if (kib < 8 || kib > 1 << 20) {
            throw new UsageException("reqlog: --buffer-size must be 8 to 1048576 KiB, not " + kib);
        }
        return kib;
    }

    private static Source source(String name) throws UsageException {
        for (Source source : Source.values()) {
            if (source.label().equals(name)) {
                return source;
            }
        }
        throw new UsageException("reqlog: invalid backend '" + name + "' (choose auto, reqlog, relay, ftrace or module)");
    }

    /** The help text of --help. */
    static String help() {
        return USAGE + "\n"
                + "       reqlog watch [--backend=SOURCE] DEVICE\n"
                + "       reqlog map [--seconds=N] [--backend=SOURCE] DEVICE\n"
                + "       reqlog migrate [--max-passes=N] [--backend=SOURCE] SOURCE TARGET\n"
                + "  enable, disable   turn the jblktrace module's request log (/dev/reqlog) on or off\n"
                + "  read              print its requests as they come: device M/m sector S read|write N\n"
                + "  watch             the same lines for one block device through blktrace's capture paths\n"
                + "  map               the extents written until N seconds pass or SIGINT: START LENGTH sectors\n"
                + "  migrate           copy an in-use device to TARGET, then what is written meanwhile;\n"
                + "                    SIGINT or SIGTERM finishes the copy\n"
                + "  --max-passes=N    migrate: passes allowed after the stop (default 20)\n"
                + "  --seconds=N       map: how long to record\n"
                + "  --backend=SOURCE  auto, reqlog, relay, ftrace or module\n"
                + "  --buffer-size=KiB capture buffer per CPU for relay, ftrace, module (default 8192)\n"
                + "  -h, --help        this text;  -V, --version  the version\n"
                + "See man reqlog.\n";
    }
}
