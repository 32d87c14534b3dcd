package org.jblktrace.btt;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.jblktrace.core.btt.Btt;
import org.jblktrace.core.btt.BttContext;
import org.jblktrace.core.btt.BttExit;
import org.jblktrace.core.btt.BttOptions;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.cli.GetoptException;
import sun.misc.Signal;

/**
 * The btt command: reads the command line like btt 2.09 and runs the engine. The launcher
 * passes the name it was invoked as ({@value #ARGV0_PROPERTY}).
 */
public final class BttMain {
    static final String ARGV0_PROPERTY = "jblktrace.argv0";

    /** btt's usage text, byte for byte, as it follows "Usage: PROGRAM ". */
    static final String USAGE = """

            [ -a               | --seek-absolute ]
            [ -A               | --all-data ]
            [ -B <output name> | --dump-blocknos=<output name> ]
            [ -d <seconds>     | --range-delta=<seconds> ]
            [ -D <dev;...>     | --devices=<dev;...> ]
            [ -e <exe,...>     | --exes=<exe,...>  ]
            [ -h               | --help ]
            [ -i <input name>  | --input-file=<input name> ]
            [ -I <output name> | --iostat=<output name> ]
            [ -l <output name> | --d2c-latencies=<output name> ]
            [ -L <freq>        | --periodic-latencies=<freq> ]
            [ -m <output name> | --seeks-per-second=<output name> ]
            [ -M <dev map>     | --dev-maps=<dev map>
            [ -o <output name> | --output-file=<output name> ]
            [ -p <output name> | --per-io-dump=<output name> ]
            [ -P <output name> | --per-io-trees=<output name> ]
            [ -q <output name> | --q2c-latencies=<output name> ]
            [ -Q <output name> | --active-queue-depth=<output name> ]
            [ -r               | --no-remaps ]
            [ -s <output name> | --seeks=<output name> ]
            [ -S <interval>    | --iostat-interval=<interval> ]
            [ -t <sec>         | --time-start=<sec> ]
            [ -T <sec>         | --time-end=<sec> ]
            [ -u <output name> | --unplug-hist=<output name> ]
            [ -V               | --version ]
            [ -v               | --verbose ]
            [ -X               | --easy-parse-avgs ]
            [ -z <output name> | --q2d-latencies=<output name> ]
            [ -Z               | --do-active

            """;

    private BttMain() {
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            System.err.println(internalError(failure));
            Runtime.getRuntime().halt(1);
        });
        String argv0 = System.getProperty(ARGV0_PROPERTY, "btt");
        BttContext context = new BttContext(argv0, new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), System.err, Path.of("").toAbsolutePath());
        System.exit(run(args, context, System.getenv(), BttMain::stopOnSignals));
    }

    /** Runs btt in-process and returns its exit status; nothing is thrown. */
    public static int run(String[] args, BttContext context, Map<String, String> environment) {
        return run(args, context, environment, engine -> { });
    }

    static int run(String[] args, BttContext context, Map<String, String> environment, Consumer<Btt> beforeRun) {
        try {
            Compat compat;
            try {
                compat = Compat.fromEnvironment(environment);
            } catch (IllegalArgumentException e) {
                context.stderr.println(context.program + ": " + e.getMessage());
                return 1;
            }
            BttOptions options;
            try {
                options = BttCommand.parse(context.program, args, compat, context.stdout, context.workingDir,
                        environment.get("POSIXLY_CORRECT") != null);
            } catch (GetoptException rejected) {
                context.stderr.println(rejected.getMessage());
                context.stderr.print(BttCommand.usage(context.program));
                return 1;
            }
            Btt engine = new Btt(options, context);
            beforeRun.accept(engine);
            return engine.run();
        } catch (BttExit exit) {
            if (exit.getMessage() != null) {
                String m = exit.getMessage();
                context.stderr.print(m.endsWith("\n") ? m : m + "\n");
            }
            return exit.status;
        } catch (RuntimeException | Error failure) {
            context.stderr.println(internalError(failure));
            return 1;
        } finally {
            context.stderr.flush();
        }
    }

    private static String internalError(Throwable failure) {
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
        return "btt: internal error: " + message;
    }

    /** An interrupt ends the reading early; the report is still written. */
    private static void stopOnSignals(Btt engine) {
        for (String name : new String[] {"INT", "HUP", "TERM"}) {
            Signal.handle(new Signal(name), signal -> engine.stop());
        }
    }
}
