package org.jblktrace.core.parse;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The process around one blkparse run: its standard streams, whether stdout is a terminal
 * (that decides where the "Input file ... added" lines fall), the directory that relative
 * names are resolved against, and the environment variables blkparse consults. Tests run
 * blkparse in-process by building one of these.
 */
public final class ParseContext {
    public final InputStream stdin;
    public final OutputStream stdout;
    public final PrintStream stderr;
    public final boolean stdoutIsTerminal;
    public final Path workingDir;
    public final Map<String, String> environment;

    /** A context in this process's environment. */
    public ParseContext(InputStream stdin, OutputStream stdout, PrintStream stderr,
                        boolean stdoutIsTerminal, Path workingDir) {
        this(stdin, stdout, stderr, stdoutIsTerminal, workingDir, System.getenv());
    }

    public ParseContext(InputStream stdin, OutputStream stdout, PrintStream stderr,
                        boolean stdoutIsTerminal, Path workingDir, Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdoutIsTerminal = stdoutIsTerminal;
        this.workingDir = workingDir;
    }

    /** Resolves a name given on the command line against {@link #workingDir}. */
    public Path resolve(String name) {
        return workingDir.resolve(name);
    }
}
