package org.jblktrace.parse.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of one generated trace: the per-CPU files ({@code NAME.blktrace.CPU}, by file
 * name) and the equivalent {@code blktrace -o -} stream.
 */
final class TraceFiles {
    private final Map<String, byte[]> files;
    private final byte[] pipe;

    TraceFiles(Map<String, byte[]> files, byte[] pipe) {
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        this.pipe = pipe;
    }

    Map<String, byte[]> files() {
        return files;
    }

    byte[] pipe() {
        return pipe;
    }

    /** A copy with one file's bytes replaced (or added). */
    TraceFiles withFile(String name, byte[] bytes) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put(name, bytes);
        return new TraceFiles(copy, pipe);
    }

    /** A copy with one file left out. */
    TraceFiles withoutFile(String name) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.remove(name);
        return new TraceFiles(copy, pipe);
    }

    TraceFiles withPipe(byte[] bytes) {
        return new TraceFiles(files, bytes);
    }

    /** Writes every per-CPU file into {@code dir} (created if needed). */
    void writeFiles(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
