package org.jblktrace.core.parse;

import java.io.IOException;
import java.io.InputStream;

/** A directory opened as an input: open succeeds in C, and every read fails with EISDIR. */
final class DirectoryInput extends InputStream {
    static final DirectoryInput INSTANCE = new DirectoryInput();

    @Override
    public int read() throws IOException {
        throw new IOException("Is a directory");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        throw new IOException("Is a directory");
    }
}
