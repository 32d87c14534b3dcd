package org.jblktrace.core.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A loop device over a sparse image file; close detaches it and deletes the file. */
public final class LoopDevice implements AutoCloseable {
    private static final int LOOP_CTL_ADD = 0x4C80;
    private static final int LOOP_CTL_REMOVE = 0x4C81;

    /** The device node, {@code /dev/loopN}. */
    public final String path;
    /** The kernel's name of the device, {@code loopN}, which is also blktrace's name for it. */
    public final String name;
    private final Path image;
    private boolean unplugged;

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

    /**
     * Detaches the device and has the kernel delete it (LOOP_CTL_REMOVE), as a disk unplugged
     * while in use; {@link #close()} then adds a free device of the same number back.
     */
    public void unplug() throws IOException, InterruptedException {
        run("losetup", "-d", path);
        // Detaching completes asynchronously: the removal is refused as busy until then.
        for (int attempt = 0; ; attempt++) {
            try {
                loopControl(LOOP_CTL_REMOVE);
                break;
            } catch (IOException busy) {
                if (attempt == 50) {
                    throw busy;
                }
                Thread.sleep(100);
            }
        }
        unplugged = true;
    }

    /** Issues a /dev/loop-control request for this device's number (passed by value). */
    private void loopControl(int request) throws IOException {
        int number = Integer.parseInt(name.substring("loop".length()));
        try {
            int control = LibC.INSTANCE.open("/dev/loop-control", LibC.O_RDONLY | LibC.O_CLOEXEC);
            try {
                LibC.INSTANCE.ioctl(control, request, Pointer.createConstant(number));
            } finally {
                LibC.INSTANCE.close(control);
            }
        } catch (LastErrorException e) {
            throw new IOException("/dev/loop-control request " + Integer.toHexString(request) + " for " + path
                + ": " + Errno.describe(e.getErrorCode()), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (unplugged) {
                loopControl(LOOP_CTL_ADD);
                return;
            }
            run("losetup", "-d", path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while detaching " + path, e);
        } finally {
            Files.deleteIfExists(image);
        }
    }
}
