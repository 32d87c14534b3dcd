package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A loop device over a sparse temporary file, detached and deleted on close. */
public final class LoopDevice implements AutoCloseable {
    public final Path backingFile;
    public final String path;
    public final String name;

    private LoopDevice(Path backingFile, String path) {
        this.backingFile = backingFile;
        this.path = path;
        this.name = Path.of(path).getFileName().toString();
    }

    public static LoopDevice create(long sizeBytes) throws IOException, InterruptedException {
        Path file = Files.createTempFile("ftrace-loop", ".img");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(sizeBytes);
        }
        String device = run("losetup", "-f", "--show", file.toString()).trim();
        return new LoopDevice(file, device);
    }

    /** Runs a command, returning stdout; fails on a non-zero exit. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            run("losetup", "-d", path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while detaching " + path, e);
        } finally {
            Files.deleteIfExists(backingFile);
        }
    }
}
