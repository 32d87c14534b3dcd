package org.jblktrace.trace;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Map;
import org.jblktrace.core.cli.Compat;

/**
 * Where a blktrace run writes and what it looks at on the host. Tests run the command in-process
 * with their own streams and stop it through {@link #stop}.
 */
public final class TraceContext {
    /** Raw stdout: piped mode writes records to it, file mode the summary. */
    final OutputStream stdout;
    final PrintStream stderr;
    final StopRequest stop = new StopRequest();
    /** The kernel's list of online CPUs. */
    final Path onlineCpus;
    /** The debugfs mount point used without -r (mounted there when it is not yet). */
    final String defaultDebugfs;
    /** The environment, for {@link Compat#ENVIRONMENT}. */
    final Map<String, String> environment;

    public TraceContext(OutputStream stdout, PrintStream stderr) {
        this(stdout, stderr, Path.of("/sys/devices/system/cpu/online"), TraceRequest.DEFAULT_DEBUGFS, System.getenv());
    }

    TraceContext(OutputStream stdout, PrintStream stderr, Path onlineCpus, String defaultDebugfs,
            Map<String, String> environment) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.onlineCpus = onlineCpus;
        this.defaultDebugfs = defaultDebugfs;
        this.environment = Map.copyOf(environment);
    }

    private volatile boolean failedInternally;

    /**
     * An error no code path expected, in any thread: the run stops through its normal teardown
     * (which puts the kernel's settings back) and exits 1. The caller has printed the message.
     */
    void failInternally() {
        failedInternally = true;
        stop.request();
    }

    boolean failedInternally() {
        return failedInternally;
    }

    /** Stops the run as SIGINT would. */
    public StopRequest stop() {
        return stop;
    }

    /** stdout as a channel; a real file descriptor is written without copying. */
    WritableByteChannel stdoutChannel() {
        return stdout instanceof FileOutputStream file ? file.getChannel() : Channels.newChannel(stdout);
    }
}
