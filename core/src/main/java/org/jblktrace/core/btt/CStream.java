package org.jblktrace.core.btt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An output stream buffered the way glibc buffers a FILE opened for writing: full blocks of
 * the buffer's size go out when it fills, at the stream's own offset, and the rest at close.
 * btt opens some paths twice (the -m file of a device is opened by both of its seek
 * trackers); their blocks then overwrite each other exactly as the C tool's do. Text is
 * written as bytes, one per char (ISO-8859-1).
 */
abstract class CStream {
    /** glibc's buffer for a file on a file system with 4 KiB blocks. */
    static final int FILE_BUFFER = 4096;

    final String name;
    private final byte[] buffer;
    private int length;
    private IOException failure;

    CStream(String name, int bufferSize) {
        this.name = name;
        this.buffer = new byte[bufferSize];
    }

    /** The path opened for writing (created or truncated), as fopen(path, "w") does. */
    static CStream file(Path path, String name, int bufferSize) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new FileBacked(name, bufferSize, channel, path);
    }

    /** A stream over an already open output (standard output). */
    static CStream of(String name, OutputStream out, int bufferSize) {
        return new StreamBacked(name, bufferSize, out);
    }

    final void print(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (length == buffer.length) {
                flushBuffer();
            }
            buffer[length++] = (byte) text.charAt(i);
        }
    }

    final void print(StringBuilder text) {
        print((CharSequence) text);
    }

    /** The first write error, if any. */
    final IOException failure() {
        return failure;
    }

    final void flushBuffer() {
        if (length > 0 && failure == null) {
            try {
                writeOut(buffer, length);
            } catch (IOException e) {
                failure = e;
            }
        }
        length = 0;
    }

    /** Flushes and closes; close errors are kept like write errors. */
    final void close() {
        flushBuffer();
        try {
            closeOut();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    abstract void writeOut(byte[] bytes, int count) throws IOException;

    abstract void closeOut() throws IOException;

    /** The file's path, or null for a stream that is not a file of ours. */
    Path path() {
        return null;
    }

    private static final class FileBacked extends CStream {
        private final FileChannel channel;
        private final Path path;
        private long position;

        FileBacked(String name, int bufferSize, FileChannel channel, Path path) {
            super(name, bufferSize);
            this.channel = channel;
            this.path = path;
        }

        @Override
        void writeOut(byte[] bytes, int count) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, count);
            while (b.hasRemaining()) {
                position += channel.write(b, position);
            }
        }

        @Override
        void closeOut() throws IOException {
            channel.close();
        }

        @Override
        Path path() {
            return path;
        }
    }

    private static final class StreamBacked extends CStream {
        private final OutputStream out;

        StreamBacked(String name, int bufferSize, OutputStream out) {
            super(name, bufferSize);
            this.out = out;
        }

        @Override
        void writeOut(byte[] bytes, int count) throws IOException {
            out.write(bytes, 0, count);
        }

        @Override
        void closeOut() throws IOException {
            out.flush();
        }
    }
}
