package org.jblktrace.parse;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.Blkparse;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.core.parse.ParseOptions;
import sun.misc.Signal;

/**
 * The blkparse command: reads the command line like the chosen release of blkparse and runs
 * the engine. The launcher script passes the name it was invoked as ({@value #ARGV0_PROPERTY})
 * and whether stdout is a terminal ({@value #STDOUT_IS_TERMINAL_PROPERTY}).
 */
public final class BlkparseMain {
    static final String ARGV0_PROPERTY = "jblktrace.argv0";
    static final String STDOUT_IS_TERMINAL_PROPERTY = "jblktrace.stdoutIsTerminal";

    /** The option list of blkparse 1.2.0's usage text, byte for byte. */
    private static final String OPTIONS_1_2 = """
            -i <file>           | --input=<file>
            [ -a <action field> | --act-mask=<action field> ]
            [ -A <action mask>  | --set-mask=<action mask> ]
            [ -b <traces>       | --batch=<traces> ]
            [ -d <file>         | --dump-binary=<file> ]
            [ -D <dir>          | --input-directory=<dir> ]
            [ -f <format>       | --format=<format> ]
            [ -F <spec>         | --format-spec=<spec> ]
            [ -h                | --hash-by-name ]
            [ -o <file>         | --output=<file> ]
            [ -O                | --no-text-output ]
            [ -q                | --quiet ]
            [ -s                | --per-program-stats ]
            @S
            [ -t                | --track-ios ]
            [ -w <time>         | --stopwatch=<time> ]
            [ -M                | --no-msgs
            [ -v                | --verbose ]
            [ -V                | --version ]
            @LONG
            \t-a Only trace specified actions. See documentation
            \t-A Give trace mask as a single value. See documentation
            \t-b stdin read batching
            \t-d Output file. If specified, binary data is written to file
            \t-D Directory to prepend to input file names
            \t-f Output format. Customize the output format. The format field
            \t   identifies can be found in the documentation
            \t-F Format specification. Can be found in the documentation
            \t-h Hash processes by name, not pid
            \t-i Input file containing trace data, or '-' for stdin
            \t-o Output file. If not given, output is stdout
            \t-O Do NOT output text data
            \t-q Quiet. Don't display any stats at the end of the trace
            \t-s Show per-program io statistics
            @SHELP
            \t-t Track individual ios. Will tell you the time a request took
            \t   to get queued, to get dispatched, and to get completed
            \t-w Only parse data between the given time interval in seconds.
            \t   If 'start' isn't given, blkparse defaults the start time to 0
            \t-M Do not output messages to binary file
            \t-v More verbose for marginal errors
            \t-V Print program version info
            @LONGHELP
            """;

    /** What blkparse 1.3.0 adds to the option list for -S. */
    private static final String SORT_LINE = "[ -S <event>        | --sort-program-stats=<event> ]\n";
    private static final String SORT_HELP = """
            \t-S Show per-program io statistics sorted by N/Q/q/R/r/W/w/C/c
            \t   N:Name, Q/q:Queued(read & write), R/r:Queued Read, W/w:Queued Write, C/c:Complete.
            \t   Sort programs by how much data(KB): Q,R,W,C.
            \t   Sort programs by how many IO operations: q,r,w,c.
            \t   if -S was used, the -s parameter will be ignored.
            """;
    /** Ours in the current mode: the long-only options, in the same layout. */
    private static final String LONG_LINES = """
            [ --dump-version=<7|8> ]
            [ --compat=<1.2|1.3> ]
            """;
    private static final String LONG_HELP = """
            \t--dump-version Trace version -d writes (default: each record's own)
            \t--compat Behave as blkparse 1.2.0 or 1.3.0 (or set JBLKTRACE_COMPAT)
            """;

    /** The usage text as it follows "Usage: PROGRAM ", byte for byte the release's own. */
    static String usage(Compat compat) {
        boolean sort = compat != Compat.V1_2;
        boolean current = compat == Compat.CURRENT;
        return "\n\n" + OPTIONS_1_2
                .replace("@S\n", sort ? SORT_LINE : "")
                .replace("@LONG\n", (current ? LONG_LINES : "") + "\n")
                .replace("@SHELP\n", sort ? SORT_HELP : "")
                .replace("@LONGHELP\n", (current ? LONG_HELP : "") + "\n");
    }

    private BlkparseMain() {
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            System.err.println(internalError(failure));
            Runtime.getRuntime().halt(1);
        });
        String argv0 = System.getProperty(ARGV0_PROPERTY, "blkparse");
        String terminal = System.getProperty(STDOUT_IS_TERMINAL_PROPERTY);
        boolean stdoutIsTerminal = terminal != null ? Boolean.parseBoolean(terminal) : System.console() != null;
        // Raw descriptors: the engine does its own buffering.
        ParseContext context = new ParseContext(new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), System.err, stdoutIsTerminal, Path.of("").toAbsolutePath());
        System.exit(run(argv0, args, context, posixlyCorrect(context), BlkparseMain::stopOnSignals));
    }

    /** Runs blkparse in-process and returns its exit status; nothing is thrown. */
    public static int run(String argv0, String[] args, ParseContext context) {
        return run(argv0, args, context, posixlyCorrect(context), engine -> { });
    }

    /**
     * @param posixlyCorrect whether POSIXLY_CORRECT is set (getopt then stops at the first operand)
     * @param beforeRun      sees the engine after the command line was accepted, before it runs
     */
    static int run(String argv0, String[] args, ParseContext context, boolean posixlyCorrect,
                   Consumer<Blkparse> beforeRun) {
        try {
            Compat compat = BlkparseCommand.compat(argv0, args, context, posixlyCorrect);
            ParseOptions options;
            try {
                options = BlkparseCommand.parse(argv0, args, context, posixlyCorrect, compat);
            } catch (GetoptException rejected) {
                context.stderr.println(rejected.getMessage());
                return usage(argv0, context, compat);
            }
            if (options.inputs.isEmpty() && options.pipeName == null) {
                return usage(argv0, context, compat);
            }
            Blkparse engine = new Blkparse(options, context);
            beforeRun.accept(engine);
            return engine.run();
        } catch (BlkparseExit exit) {
            if (exit.getMessage() != null) {
                context.stderr.println(exit.getMessage());
            }
            return exit.status;
        } catch (RuntimeException | Error failure) {
            context.stderr.println(internalError(failure));
            return 1;
        } finally {
            context.stderr.flush();
        }
    }

    private static int usage(String argv0, ParseContext context, Compat compat) {
        context.stderr.print("Usage: " + argv0 + " " + usage(compat));
        return 1;
    }

    private static boolean posixlyCorrect(ParseContext context) {
        return context.environment.containsKey("POSIXLY_CORRECT");
    }

    private static String internalError(Throwable failure) {
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
        return "blkparse: internal error: " + message;
    }

    /** Like blkparse, an interrupt ends reading early and the output is still finished. */
    private static void stopOnSignals(Blkparse engine) {
        for (String name : new String[] {"INT", "HUP", "TERM"}) {
            Signal.handle(new Signal(name), signal -> engine.stop());
        }
    }
}
