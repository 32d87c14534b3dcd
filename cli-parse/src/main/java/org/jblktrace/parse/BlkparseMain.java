package org.jblktrace.parse;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jblktrace.core.cli.GetoptException;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.Blkparse;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.core.parse.ParseOptions;
import sun.misc.Signal;

/**
 * The blkparse command: reads the command line like blkparse 1.2.0 and runs the engine.
 * The launcher script passes the name it was invoked as ({@value #ARGV0_PROPERTY}) and
 * whether stdout is a terminal ({@value #STDOUT_IS_TERMINAL_PROPERTY}).
 */
public final class BlkparseMain {
    static final String ARGV0_PROPERTY = "jblktrace.argv0";
    static final String STDOUT_IS_TERMINAL_PROPERTY = "jblktrace.stdoutIsTerminal";

    /** blkparse's usage text, byte for byte, as it follows "Usage: PROGRAM ". */
    static final String USAGE = """


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
            [ -t                | --track-ios ]
            [ -w <time>         | --stopwatch=<time> ]
            [ -M                | --no-msgs
            [ -v                | --verbose ]
            [ -V                | --version ]

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
            \t-t Track individual ios. Will tell you the time a request took
            \t   to get queued, to get dispatched, and to get completed
            \t-w Only parse data between the given time interval in seconds.
            \t   If 'start' isn't given, blkparse defaults the start time to 0
            \t-M Do not output messages to binary file
            \t-v More verbose for marginal errors
            \t-V Print program version info

            """;

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
        System.exit(run(argv0, args, context, posixlyCorrect(), BlkparseMain::stopOnSignals));
    }

    /** Runs blkparse in-process and returns its exit status; nothing is thrown. */
    public static int run(String argv0, String[] args, ParseContext context) {
        return run(argv0, args, context, posixlyCorrect(), engine -> { });
    }

    /**
     * @param posixlyCorrect whether POSIXLY_CORRECT is set (getopt then stops at the first operand)
     * @param beforeRun      sees the engine after the command line was accepted, before it runs
     */
    static int run(String argv0, String[] args, ParseContext context, boolean posixlyCorrect,
                   Consumer<Blkparse> beforeRun) {
        try {
            ParseOptions options;
            try {
                options = BlkparseCommand.parse(argv0, args, context, posixlyCorrect);
            } catch (GetoptException rejected) {
                context.stderr.println(rejected.getMessage());
                return usage(argv0, context);
            }
            if (options.inputs.isEmpty() && options.pipeName == null) {
                return usage(argv0, context);
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

    private static int usage(String argv0, ParseContext context) {
        context.stderr.print("Usage: " + argv0 + " " + USAGE);
        return 1;
    }

    private static boolean posixlyCorrect() {
        return System.getenv("POSIXLY_CORRECT") != null;
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
