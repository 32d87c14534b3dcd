package org.jblktrace.core.parse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.jblktrace.core.kernel.Errno;

/**
 * One file descriptor that several emulated stdio streams may write to. Streams keep what
 * they have committed and only hand it over here when another stream commits to the same
 * descriptor, so the byte order matches C while writes stay large.
 */
final class OutputSink {
    private final OutputStream out;
    private StdioStream owner;
    private boolean failed;
    private boolean brokenPipe;
    private String error;

    OutputSink(OutputStream out) {
        this.out = out;
    }

    /** Called by a stream that committed bytes: the previous writer's bytes go out first. */
    void claim(StdioStream stream) {
        if (owner != stream) {
            if (owner != null) {
                owner.writeCommitted();
            }
            owner = stream;
        }
    }

    void write(byte[] b, int off, int len) {
        if (failed || len == 0) {
            return;
        }
        try {
            out.write(b, off, len);
            if (out instanceof PrintStream && ((PrintStream) out).checkError()) {
                // PrintStream swallows write errors; EPIPE is by far the usual one.
                throw new IOException("Broken pipe");
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Pushes every committed byte to the descriptor, e.g. before stderr is written. */
    void drain() {
        if (owner != null) {
            owner.writeCommitted();
        }
        if (!failed) {
            try {
                out.flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    void close() {
        drain();
        try {
            out.close();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        failed = true;
        error = Errno.text(e);
        brokenPipe = error.contains("Broken pipe");
    }

    /** strerror text of the first failed write, or null. */
    String error() {
        return error;
    }

    /** True once a write failed because the reader went away (C would die of SIGPIPE). */
    boolean brokenPipe() {
        return brokenPipe;
    }
}
