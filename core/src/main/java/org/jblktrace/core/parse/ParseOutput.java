package org.jblktrace.core.parse;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/**
 * The output streams of a blkparse run as C has them: the text stream ("ofp": stdout line
 * buffered, or the {@code -o} file), C's own stdout (the "Input file" lines and the driver-data
 * notice; also the binary dump for {@code -d -}), the {@code -d} file, and unbuffered stderr.
 */
final class ParseOutput {
    private static final int TEXT_BUFFER = 4096;
    private static final int BINARY_BUFFER = 128 * 1024;
    /** glibc sizes stdout's buffer from st_blksize, 4096 for pipes and files. */
    private static final int STDOUT_BUFFER = 4096;
    private static final int TERMINAL_BUFFER = 1024;

    private final PrintStream stderr;
    private final OutputSink stdoutSink;
    private final StdioStream cStdout;
    private StdioStream text;
    private OutputSink textFileSink;
    private StdioStream dump;
    private OutputSink dumpFileSink;
    private String dumpName;
    private ByteBuffer dumpScratch;
    /** The version {@code -d} writes, 0 for each record's own ({@code --dump-version}). */
    private int dumpVersion;

    ParseOutput(ParseOptions opts, ParseContext ctx) {
        this.stderr = ctx.stderr;
        this.stdoutSink = new OutputSink(ctx.stdout);
        boolean binaryToStdout = "-".equals(opts.dumpBinary);
        if (binaryToStdout) {
            cStdout = StdioStream.fullyBuffered(stdoutSink, BINARY_BUFFER);
        } else if (ctx.stdoutIsTerminal) {
            cStdout = StdioStream.lineBuffered(stdoutSink, TERMINAL_BUFFER);
        } else {
            cStdout = StdioStream.fullyBuffered(stdoutSink, STDOUT_BUFFER);
        }
    }

    /** Opens {@code -o} and {@code -d} in the reference's order; the message of a failure is thrown. */
    void open(ParseOptions opts, ParseContext ctx) {
        if (opts.textOutput) {
            if (opts.outputName == null) {
                text = StdioStream.lineBuffered(stdoutSink, TEXT_BUFFER);
            } else {
                try {
                    textFileSink = new OutputSink(new FileOutputStream(ctx.resolve(opts.outputName).toFile()));
                } catch (IOException e) {
                    throw new BlkparseExit("fopen: " + Errno.text(e), 1);
                }
                text = StdioStream.fullyBuffered(textFileSink, TEXT_BUFFER);
            }
        }
        if (opts.dumpStream != null) {
            dumpName = "dump";
            dumpFileSink = new OutputSink(opts.dumpStream);
            dump = StdioStream.fullyBuffered(dumpFileSink, BINARY_BUFFER);
            dumpScratch = ByteBuffer.allocate(RecordReader.MIN_BUFFER).order(ByteOrder.nativeOrder());
        } else if (opts.dumpBinary != null) {
            dumpName = opts.dumpBinary;
            if (dumpName.equals("-")) {
                dump = cStdout;
            } else {
                try {
                    dumpFileSink = new OutputSink(new FileOutputStream(ctx.resolve(dumpName).toFile()));
                } catch (IOException e) {
                    throw new BlkparseExit(dumpName + ": " + Errno.text(e), 1);
                }
                dump = StdioStream.fullyBuffered(dumpFileSink, BINARY_BUFFER);
            }
            dumpScratch = ByteBuffer.allocate(RecordReader.MIN_BUFFER).order(ByteOrder.nativeOrder());
            dumpVersion = opts.dumpVersion;
        }
    }

    /** The text stream, or null with {@code -O}. */
    StdioStream text() {
        return text;
    }

    boolean dumping() {
        return dump != null;
    }

    /**
     * Appends a record to the binary dump in native byte order, as the reference's fwrite, in
     * the version {@code --dump-version} chose.
     */
    void writeBinary(TraceRecord r) {
        if (dump == null) {
            return;
        }
        dumpScratch.clear();
        int own = r.version;
        if (dumpVersion != 0) {
            // Version 7 keeps the action's low 32 bits: the zone categories above them are lost.
            r.version = dumpVersion;
        }
        RecordCodec.encode(r, dumpScratch);
        r.version = own;
        TextBuffer b = dump.buffer();
        int start = b.length();
        b.append(dumpScratch.array(), 0, dumpScratch.position());
        dump.appended(start);
        if (dumpFileSink != null && dumpFileSink.error() != null) {
            // Like perror(dump_binary) after a failed fwrite: report once and stop dumping.
            String reason = dumpFileSink.error();
            dump = null;
            warn(dumpName + ": " + reason);
        }
    }

    /** A line on C's stdout ("Input file ... added", the driver-data notice). */
    void stdoutLine(String line) {
        TextBuffer b = cStdout.buffer();
        int start = b.length();
        b.append(line).append('\n');
        cStdout.appended(start);
    }

    /** Text printf'd to C's stdout without a line end (blkparse 1.3.0's tracking complaints). */
    void cStdout(String text) {
        TextBuffer b = cStdout.buffer();
        int start = b.length();
        b.append(text);
        cStdout.appended(start);
    }

    /** Text on unbuffered stderr without a line end; whatever C would already have written to stdout goes out first. */
    void warnPartial(String text) {
        stdoutSink.drain();
        stderr.print(text);
        stderr.flush();
    }

    /** One stderr line; whatever C would already have written to stdout goes out first. */
    void warn(String line) {
        stdoutSink.drain();
        stderr.print(line + "\n");
        stderr.flush();
    }

    /** Flushes everything in the order exit() would and closes the files. */
    void finish() {
        if (text != null) {
            text.flush();
        }
        if (dump != null) {
            dump.flush();
        }
        cStdout.flush();
        stdoutSink.drain();
        if (textFileSink != null) {
            textFileSink.close();
        }
        if (dumpFileSink != null) {
            dumpFileSink.close();
        }
    }

    /** True once stdout's reader has gone away; the reference would have died of SIGPIPE. */
    boolean stdoutBroken() {
        return stdoutSink.brokenPipe();
    }
}
