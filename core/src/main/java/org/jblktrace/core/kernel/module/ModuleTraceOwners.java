package org.jblktrace.core.kernel.module;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.RunOwner;

/**
 * Which run of ours owns each module trace. The module keeps a trace when the process that set
 * it up dies (it serves traces left to run on their own), so a run writes its pid and start
 * time per device under /run/jblktrace before the set-up and removes them after the teardown.
 * A trace whose recorded owner is dead (kill -9, the OOM killer) is torn down by
 * {@code blktrace -k} and by the next run on its device; one whose owner runs, or which no
 * record of ours explains (another tool's), is never touched.
 */
public final class ModuleTraceOwners {
    public static final ModuleTraceOwners SYSTEM = new ModuleTraceOwners(Path.of("/run/jblktrace"), RunOwner.PROC);

    private final Path dir;
    private final Path proc;

    ModuleTraceOwners(Path dir, Path proc) {
        this.dir = dir;
        this.proc = proc;
    }

    private Path record(DeviceNode device) {
        return dir.resolve("module-" + device.major() + ":" + device.minor());
    }

    /**
     * Writes this process down as the owner of the device's module trace, on disk before the
     * set-up; false, writing nothing, when another run's record is there (that run is alive once
     * {@link #recoverAbandoned} has looked, and the set-up will find the device busy).
     */
    public boolean claim(DeviceNode device) throws IOException {
        RunOwner self = RunOwner.self(proc);
        Files.createDirectories(dir);
        try {
            Files.writeString(record(device), self.pid() + " " + self.startTime() + " " + device.path() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    /** Removes the record of the device's trace once it is torn down. */
    public void release(DeviceNode device) throws IOException {
        Files.deleteIfExists(record(device));
    }

    /** The recorded owner of the device's module trace, or null if none is recorded. */
    RunOwner owner(DeviceNode device) throws IOException {
        String text;
        try {
            text = Files.readString(record(device), StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return null;
        }
        String[] fields = text.trim().split(" ", 3);
        try {
            return new RunOwner(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        } catch (RuntimeException cutShort) {
            // Written before the set-up: a record cut by a crash names no trace.
            return new RunOwner(-1, -1);
        }
    }

    /**
     * Tears down the module trace of {@code device} if a run of ours set it up and died, and
     * says so; null when there is nothing of a dead run's (no record, or its owner runs).
     */
    public String recoverAbandoned(DeviceNode device, ModuleControl control) throws IOException {
        RunOwner owner = owner(device);
        if (owner == null || owner.isAlive(proc)) {
            return null;
        }
        try {
            control.teardown(device.major(), device.minor());
        } catch (ModuleControlException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
            // The module has no trace of the device any more (reloaded since): only the record is left.
            release(device);
            return null;
        }
        release(device);
        return "tore down the jblktrace module's trace of " + device.path() + " that blktrace (pid " + owner.pid()
                + ") left when it died";
    }
}
