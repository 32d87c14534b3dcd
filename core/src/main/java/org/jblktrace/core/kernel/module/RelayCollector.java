package org.jblktrace.core.kernel.module;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies per-CPU relay streams to files, byte for byte, as blktrace does. Relay reads never
 * block and return nothing when a buffer is empty, so callers {@link #drain} periodically.
 */
public final class RelayCollector implements AutoCloseable {
    private static final int CHUNK = 1 << 16;

    private final List<FileChannel> sources = new ArrayList<>();
    private final List<FileChannel> targets = new ArrayList<>();
    private final long[] copied;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);

    /** Pairs sources and targets by index; a null source (offline CPU) gets an empty target. */
    public RelayCollector(List<Path> sourceFiles, List<Path> targetFiles) throws IOException {
        if (sourceFiles.size() != targetFiles.size()) {
            throw new IllegalArgumentException("need one target per source");
        }
        copied = new long[sourceFiles.size()];
        try {
            for (int i = 0; i < sourceFiles.size(); i++) {
                Path source = sourceFiles.get(i);
                sources.add(source == null ? null : FileChannel.open(source, StandardOpenOption.READ));
                targets.add(FileChannel.open(targetFiles.get(i), StandardOpenOption.WRITE,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Collects a trace's CPU files into {@code outDir/baseName.blktrace.CPU}, blktrace's names. */
    public static RelayCollector toBlktraceFiles(TraceDirectory trace, Path outDir, String baseName)
            throws IOException {
        List<Path> sources = trace.cpuFiles();
        List<Path> targets = new ArrayList<>(sources.size());
        for (int cpu = 0; cpu < sources.size(); cpu++) {
            targets.add(outDir.resolve(baseName + ".blktrace." + cpu));
        }
        return new RelayCollector(sources, targets);
    }

    /** Copies everything currently readable; returns the number of bytes copied. */
    public long drain() throws IOException {
        long total = 0;
        for (int i = 0; i < sources.size(); i++) {
            FileChannel source = sources.get(i);
            if (source == null) {
                continue;
            }
            while (true) {
                chunk.clear();
                int n = source.read(chunk);
                if (n <= 0) {
                    break;
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    targets.get(i).write(chunk);
                }
                copied[i] += n;
                total += n;
            }
        }
        return total;
    }

    /** Bytes copied so far from source {@code index}. */
    public long copied(int index) {
        return copied[index];
    }

    public int streams() {
        return copied.length;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (List<FileChannel> channels : List.of(sources, targets)) {
            for (FileChannel channel : channels) {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
