package org.jblktrace.core.kernel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A loop device over a sparse image file; close detaches it and deletes the file. */
public final class LoopDevice implements AutoCloseable {
    /** The device node, {@code /dev/loopN}. */
    public final String path;
    /** The kernel's name of the device, {@code loopN}, which is also blktrace's name for it. */
    public final String name;
    private final Path image;

    private LoopDevice(Path image, String path) {
        this.image = image;
        this.path = path;
        this.name = Path.of(path).getFileName().toString();
    }

    /** A device over a new temporary image file. */
    public static LoopDevice create(long sizeBytes) throws IOException, InterruptedException {
        return create(Files.createTempFile("jblktrace-loop", ".img"), sizeBytes);
    }

    /** A device over {@code image}, created or resized to {@code sizeBytes}. */
    public static LoopDevice create(Path image, long sizeBytes) throws IOException, InterruptedException {
        HostFacility.requireHostKernel();
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(sizeBytes);
        }
        String device;
        try {
            device = run("losetup", "-f", "--show", image.toString()).strip();
        } catch (IOException | InterruptedException e) {
            Files.deleteIfExists(image);
            throw e;
        }
        if (!device.startsWith("/dev/loop")) {
            Files.deleteIfExists(image);
            throw new IOException("losetup attached no loop device: " + device);
        }
        return new LoopDevice(image, device);
    }

    /** Runs a command, returning its output (stdout and stderr); fails on a non-zero exit. */
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
            Files.deleteIfExists(image);
        }
    }
}
