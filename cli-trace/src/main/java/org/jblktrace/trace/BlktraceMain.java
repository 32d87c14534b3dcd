package org.jblktrace.trace;

import com.sun.jna.LastErrorException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.cli.GetoptException;
import sun.misc.Signal;

/**
 * The blktrace command: blktrace 2.0.0's command line, checks, messages and exit statuses,
 * tracing through the kernel's relay files or, where those are locked down, the ftrace blk
 * tracer. The launcher script passes the name it was invoked as
 * ({@value #ARGV0_PROPERTY}).
 */
public final class BlktraceMain {
    static final String ARGV0_PROPERTY = "jblktrace.argv0";

    /** blktrace's usage text, byte for byte, as it follows "Usage: PROGRAM ". */
    static final String USAGE = """


            -d <dev>             | --dev=<dev>
            [ -r <debugfs path>  | --relay=<debugfs path> ]
            [ -o <file>          | --output=<file>]
            [ -D <dir>           | --output-dir=<dir>
            [ -w <time>          | --stopwatch=<time>]
            [ -a <action field>  | --act-mask=<action field>]
            [ -A <action mask>   | --set-mask=<action mask>]
            [ -b <size>          | --buffer-size]
            [ -n <number>        | --num-sub-buffers=<number>]
            [ -l                 | --listen]
            [ -h <hostname>      | --host=<hostname>]
            [ -p <port number>   | --port=<port number>]
            [ -s                 | --no-sendfile]
            [ -I <devs file>     | --input-devs=<devs file>]
            [ -v <version>       | --version]
            [ -V <version>       | --version]
            \t-d Use specified device. May also be given last after options
            \t-r Path to mounted debugfs, defaults to /sys/kernel/debug
            \t-o File(s) to send output to
            \t-D Directory to prepend to output file names
            \t-w Stop after defined time, in seconds
            \t-a Only trace specified actions. See documentation
            \t-A Give trace mask as a single value. See documentation
            \t-b Sub buffer size in KiB (default 512)
            \t-n Number of sub buffers (default 4)
            \t-l Run in network listen mode (blktrace server)
            \t-h Run in network client mode, connecting to the given host
            \t-p Network port to use (default 8462)
            \t-s Make the network client NOT use sendfile() to transfer data
            \t-I Add devices found in <devs file>
            \t-v Print program version info
            \t-V Print program version info

            """;

    private BlktraceMain() {
    }

    public static void main(String[] args) {
        String argv0 = System.getProperty(ARGV0_PROPERTY, "blktrace");
        // Raw stdout: piped mode writes records to the descriptor without a buffer in between.
        TraceContext context = new TraceContext(new FileOutputStream(FileDescriptor.out), System.err);
        // A failed thread stops the run like a signal, so that the kernel's settings are put back.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            System.err.println(internalError(failure) + " (in thread " + thread.getName() + "); stopping");
            context.failInternally();
        });
        for (String name : new String[] {"INT", "HUP", "TERM"}) {
            Signal.handle(new Signal(name), signal -> context.stop().request());
        }
        int status = run(argv0, args, context, System.getenv("POSIXLY_CORRECT") != null);
        System.exit(context.failedInternally() ? 1 : status);
    }

    /** Runs blktrace in-process and returns its exit status; nothing is thrown. */
    public static int run(String argv0, String[] args, TraceContext context) {
        return run(argv0, args, context, false);
    }

    static int run(String argv0, String[] args, TraceContext context, boolean posixlyCorrect) {
        PrintStream stdout = new PrintStream(context.stdout, true, Charset.defaultCharset());
        try {
            requireOnlineCpus(context.onlineCpus);
            Compat compat;
            try {
                compat = Compat.fromEnvironment(context.environment);
            } catch (IllegalArgumentException e) {
                throw new BlktraceExit("blktrace: " + e.getMessage(), 1);
            }
            TraceRequest request;
            try {
                request = BlktraceCommand.parse(argv0, args, stdout, posixlyCorrect, compat);
            } catch (GetoptException rejected) {
                context.stderr.println(rejected.getMessage());
                return usage(argv0, context);
            }
            if (!request.listen && !request.kill && request.devices.isEmpty()) {
                return usage(argv0, context);
            }
            String debugfsPath = request.debugfsPath != null ? request.debugfsPath : context.defaultDebugfs;
            Debugfs debugfs = Debugfs.require(debugfsPath, request.debugfsPath == null);
            try {
                return dispatch(request, context, debugfsPath, stdout);
            } finally {
                debugfs.close();
            }
        } catch (BlktraceExit exit) {
            if (exit.getMessage() != null) {
                context.stderr.println(exit.getMessage());
            }
            return exit.status;
        } catch (InterruptedException e) {
            context.stderr.println("blktrace: interrupted");
            return 1;
        } catch (RuntimeException | Error failure) {
            context.stderr.println(internalError(failure));
            return 1;
        } finally {
            context.stderr.flush();
        }
    }

    private static int dispatch(TraceRequest request, TraceContext context, String debugfsPath, PrintStream stdout)
            throws InterruptedException {
        if (request.host != null && !request.listen) {
            NetOutput.resolve(request.host);
        }
        if (request.devices.size() > 1 && request.outputName != null && !request.piped()) {
            throw new BlktraceExit("-o not supported with multiple devices", 1);
        }
        if (request.kill) {
            return KillMode.run(request.devices, context.stderr);
        }
        if (request.listen) {
            return ServerMode.run(request, context, stdout);
        }
        return new TraceRun(request, context, debugfsPath).run();
    }

    /**
     * blktrace 2.0.0 reads the online CPUs first and gives up if it cannot. The C library (JNA,
     * slow to load) is only asked when reading fails, for blktrace's errno text.
     */
    private static void requireOnlineCpus(Path online) {
        String cpus;
        try {
            cpus = Files.readString(online);
        } catch (IOException e) {
            try {
                Posix.libc().close(Posix.libc().open(online.toString(), Posix.O_RDONLY, 0));
            } catch (LastErrorException refused) {
                throw new BlktraceExit("cannot get online cpus " + Posix.describe(refused), 1);
            }
            throw new BlktraceExit("cannot get online cpus: " + OutputFiles.reason(e), 1);
        }
        if (cpus.trim().isEmpty()) {
            throw new BlktraceExit("cannot get online cpus: " + online + " is empty", 1);
        }
    }

    private static int usage(String argv0, TraceContext context) {
        context.stderr.print("Usage: " + argv0 + " " + USAGE);
        return 1;
    }

    private static String internalError(Throwable failure) {
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
        return "blktrace: internal error: " + message;
    }
}
