package org.jblktrace.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.kernel.TraceSink;

/**
 * Writes captured streams as blktrace does: one file {@code DIR/BASE.blktrace.CPU} per device
 * and CPU, all created (truncated) when the capture opens, so that blkparse's contiguous CPU
 * scan finds every file even for CPUs that saw no events.
 */
public final class TraceFileWriter implements TraceSink, Closeable {
    private final Path directory;
    private final String baseNameOverride;
    private final Map<String, FileChannel[]> filesByDevice = new HashMap<>();

    /** Files are named after the devices. */
    public TraceFileWriter(Path directory) {
        this(directory, null);
    }

    /**
     * Files are named {@code baseName.blktrace.CPU} (blktrace {@code -o}); only valid with a
     * single device.
     */
    public TraceFileWriter(Path directory, String baseName) {
        this.directory = directory;
        this.baseNameOverride = baseName;
    }

    /** Output file of a base name and CPU, as blktrace names it. */
    public static Path fileName(Path directory, String baseName, int cpu) {
        return directory.resolve(baseName.replace('/', '_') + ".blktrace." + cpu);
    }

    @Override
    public synchronized void open(List<String> deviceNames, int cpuCount) throws IOException {
        if (baseNameOverride != null && deviceNames.size() > 1) {
            throw new IllegalArgumentException("an output name needs exactly one device");
        }
        for (String device : deviceNames) {
            String base = baseNameOverride != null ? baseNameOverride : device;
            FileChannel[] files = new FileChannel[cpuCount];
            filesByDevice.put(device, files);
            for (int cpu = 0; cpu < cpuCount; cpu++) {
                files[cpu] = FileChannel.open(fileName(directory, base, cpu), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            }
        }
    }

    @Override
    public void write(String deviceName, int cpu, ByteBuffer records) throws IOException {
        FileChannel file = channel(deviceName, cpu);
        while (records.hasRemaining()) {
            file.write(records);
        }
    }

    private synchronized FileChannel channel(String deviceName, int cpu) {
        FileChannel[] files = filesByDevice.get(deviceName);
        if (files == null || cpu < 0 || cpu >= files.length) {
            throw new IllegalArgumentException("no output file for " + deviceName + " CPU " + cpu);
        }
        return files[cpu];
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (FileChannel[] files : filesByDevice.values()) {
            for (FileChannel file : files) {
                try {
                    file.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        filesByDevice.clear();
        if (first != null) {
            throw first;
        }
    }
}
