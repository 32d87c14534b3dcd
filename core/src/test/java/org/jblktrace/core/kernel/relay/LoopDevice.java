package org.jblktrace.core.kernel.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A loop device over a sparse image file, detached on close. */
public final class LoopDevice implements AutoCloseable {
    public final String path;

    private LoopDevice(String path) {
        this.path = path;
    }

    public static LoopDevice create(Path image, long size) throws IOException, InterruptedException {
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(size);
        }
        Process losetup = new ProcessBuilder("losetup", "-f", "--show", image.toString()).start();
        String device = new String(losetup.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!losetup.waitFor(30, TimeUnit.SECONDS) || losetup.exitValue() != 0 || !device.startsWith("/dev/loop")) {
            throw new IOException("losetup failed: "
                    + new String(losetup.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        return new LoopDevice(device);
    }

    /** The name blktrace gives the device ({@code loopN}). */
    public String name() {
        return path.substring("/dev/".length());
    }

    /** The debugfs file of this device's trace, present only while a trace is set up. */
    public Path relayFile(String file) {
        return RelayTrace.DEFAULT_DEBUGFS.resolve("block").resolve(name()).resolve(file);
    }

    @Override
    public void close() throws IOException {
        Process detach = new ProcessBuilder("losetup", "-d", path).inheritIO().start();
        try {
            if (!detach.waitFor(30, TimeUnit.SECONDS)) {
                detach.destroyForcibly();
                throw new IOException("losetup -d " + path + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while detaching " + path, e);
        }
    }
}
