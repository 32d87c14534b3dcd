package org.jblktrace.core.kernel.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The debugfs directory of one jblktrace trace: per-CPU {@code traceN}, {@code dropped},
 * {@code version_dropped}, {@code msg}.
 */
public final class TraceDirectory {
    public static final Path DEFAULT_DEBUGFS = Path.of("/sys/kernel/debug");
    /** Messages must be shorter than this many bytes (the kernel refuses longer ones). */
    public static final int MAX_MESSAGE_BYTES = 127;

    private static final Pattern CPU_FILE = Pattern.compile("trace(\\d+)");

    private final Path path;

    private TraceDirectory(Path path) {
        this.path = path;
    }

    /** The directory of the trace named {@code name} (as returned by setup) under a debugfs mount. */
    public static TraceDirectory of(Path debugfs, String name) {
        return new TraceDirectory(debugfs.resolve(ModuleAbi.DEBUGFS_DIR).resolve(name));
    }

    public Path path() {
        return path;
    }

    /** The per-CPU relay files; index i of the result is CPU number i's file or null if absent. */
    public List<Path> cpuFiles() throws IOException {
        TreeMap<Integer, Path> byCpu = new TreeMap<>();
        try (Stream<Path> entries = Files.list(path)) {
            entries.forEach(entry -> {
                Matcher m = CPU_FILE.matcher(entry.getFileName().toString());
                if (m.matches()) {
                    byCpu.put(Integer.parseInt(m.group(1)), entry);
                }
            });
        }
        if (byCpu.isEmpty()) {
            throw new IOException("no per-CPU trace files in " + path);
        }
        List<Path> files = new ArrayList<>();
        for (int cpu = 0; cpu <= byCpu.lastKey(); cpu++) {
            files.add(byCpu.get(cpu));
        }
        return files;
    }

    /** Records the kernel refused because every sub-buffer was full. */
    public long dropped() throws IOException {
        return count("dropped");
    }

    /**
     * Events a version 7 trace left out because that record cannot carry them: zone operations,
     * write-zeroes and zone write plugging. Always 0 for version 8.
     */
    public long versionDropped() throws IOException {
        return count("version_dropped");
    }

    private long count(String file) throws IOException {
        String text = Files.readString(path.resolve(file), StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("unexpected content in " + path.resolve(file) + ": " + text, e);
        }
    }

    /** Adds a message note to the trace (recorded only while it runs with the notify category). */
    public void message(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(
                    "message is " + bytes.length + " bytes, the limit is " + MAX_MESSAGE_BYTES);
        }
        Files.write(path.resolve("msg"), bytes);
    }
}
