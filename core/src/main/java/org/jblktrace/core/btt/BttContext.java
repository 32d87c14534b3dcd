package org.jblktrace.core.btt;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The process around one btt run: its standard streams, the name it was called by, and the
 * directory relative names resolve against (btt writes most of its files there).
 */
public final class BttContext {
    public final String program;
    public final InputStream stdin;
    public final OutputStream stdout;
    public final PrintStream stderr;
    public final Path workingDir;

    public BttContext(String program, InputStream stdin, OutputStream stdout, PrintStream stderr, Path workingDir) {
        this.program = program;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.workingDir = workingDir;
    }

    Path resolve(String name) {
        return workingDir.resolve(name);
    }
}
