package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordLayout;

/**
 * The kernel's built-in blktrace driven directly: BLKTRACESETUP/START/STOP/TEARDOWN on each
 * block device and one reader thread per online CPU draining the debugfs relay files
 * {@code DEBUGFS/block/NAME/traceCPU} into a {@link TraceSink}.
 *
 * <p>Life cycle: {@link #setup}, {@link #start}, {@link #stop}, {@link #close}. Only traces
 * whose SETUP succeeded here are ever torn down, and a JVM shutdown hook tears down whatever
 * is still set up when the process exits.
 */
public final class RelayTrace implements AutoCloseable {
    public static final Path DEFAULT_DEBUGFS = Path.of("/sys/kernel/debug");

    /**
     * What to ask the kernel for and how to read it, with blktrace's defaults: version 7 records
     * (BLKTRACESETUP), all categories, 4 sub-buffers of 512 KiB per CPU, relay files under
     * /sys/kernel/debug, partly filled sub-buffers read when the trace stops, whole records to
     * the sink.
     *
     * @param version the records to ask for: 7 (BLKTRACESETUP) or 8 (BLKTRACESETUP2, Linux 6.19)
     * @param actMask categories ({@code BLK_TC_*} bits), 0 for every one the version can carry
     * @param partialReadMillis see {@link RelayReaders.Options#partialReadMillis()}: blktrace's
     *     piped mode reads them every 50 ms
     * @param wholeRecords see {@link RelayReaders.Options#wholeRecords()}: a sink that only
     *     stores the bytes (blktrace's file mode) does without, and no record is held back
     */
    public record Settings(int version, long actMask, int bufSize, int bufNr, Path debugfs, int partialReadMillis,
            boolean wholeRecords) {
        public static Settings defaults() {
            return new Settings(Blk.VERSION_7, 0, 512 * 1024, 4, DEFAULT_DEBUGFS, 0, true);
        }

        public Settings withVersion(int recordVersion) {
            if (RecordLayout.of(recordVersion) == null) {
                throw new IllegalArgumentException("no record version " + recordVersion);
            }
            return new Settings(recordVersion, actMask, bufSize, bufNr, debugfs, partialReadMillis, wholeRecords);
        }

        public Settings withActMask(long mask) {
            return new Settings(version, mask, bufSize, bufNr, debugfs, partialReadMillis, wholeRecords);
        }

        public Settings withBuffers(int size, int count) {
            return new Settings(version, actMask, size, count, debugfs, partialReadMillis, wholeRecords);
        }

        public Settings withDebugfs(Path path) {
            return new Settings(version, actMask, bufSize, bufNr, path, partialReadMillis, wholeRecords);
        }

        public Settings withPartialReadMillis(int millis) {
            return new Settings(version, actMask, bufSize, bufNr, debugfs, millis, wholeRecords);
        }

        public Settings withWholeRecords(boolean whole) {
            return new Settings(version, actMask, bufSize, bufNr, debugfs, partialReadMillis, whole);
        }

        /** The mask as the set-up block carries it. */
        long setupMask() {
            if (actMask != 0) {
                return actMask;
            }
            return version == Blk.VERSION_8 ? Blk.TC_ALL_V8 : Blk.TC_ALL_V7;
        }
    }

    private final List<DeviceTrace> devices;
    private final Settings settings;
    private final long[] dropped;
    private RelayReaders readers;
    private boolean started;
    private Consumer<String> diagnostics = line -> { };

    private RelayTrace(List<DeviceTrace> devices, Settings settings) {
        this.devices = devices;
        this.settings = settings;
        this.dropped = new long[devices.size()];
    }

    /**
     * Opens every device, then sets up a trace on each in order. On failure, the traces set up
     * so far are torn down and the devices closed; a device that answered EBUSY keeps the
     * trace somebody else owns.
     */
    public static RelayTrace setup(List<String> devicePaths, Settings settings) throws RelayException {
        List<DeviceTrace> devices = new ArrayList<>();
        try {
            for (String path : devicePaths) {
                devices.add(DeviceTrace.open(path));
            }
            for (DeviceTrace device : devices) {
                ActiveTraces.add(device);
                TraceSetupBlock kind = TraceSetupBlock.forVersion(settings.version());
                device.setup(kind, kind.encode(settings.setupMask(), settings.bufSize(), settings.bufNr(), 0, 0, 0));
            }
        } catch (RelayException e) {
            closeAll(devices);
            throw e;
        }
        return new RelayTrace(devices, settings);
    }

    /**
     * Kill mode: STOP and TEARDOWN whatever trace {@code devicePath} has, including one left
     * behind by another process.
     */
    public static void kill(String devicePath) throws RelayException {
        DeviceTrace device = DeviceTrace.open(devicePath);
        try {
            device.kill();
        } finally {
            device.close();
        }
    }

    /**
     * Whether the kernel records version 8 (it knows BLKTRACESETUP2, Linux 6.19 and later),
     * asked through a block device without setting anything up.
     */
    public static boolean kernelRecordsVersion8(String devicePath) throws RelayException {
        DeviceTrace device = DeviceTrace.open(devicePath);
        try {
            return device.kernelKnowsSetup2();
        } finally {
            device.close();
        }
    }

    /** The system page size, which blktrace reports in its network headers. */
    public static int pageSize() {
        return LibC.INSTANCE.getpagesize();
    }

    /** The kernel-assigned trace names, in device order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (DeviceTrace device : devices) {
            names.add(device.name());
        }
        return names;
    }

    /**
     * Opens every online CPU's relay file of every device, starts one reader per online CPU,
     * then BLKTRACESTART on each device. If a relay file cannot be opened (EPERM under kernel
     * lockdown: {@link RelayException.Reason#LOCKED_DOWN}) nothing is started and the traces
     * stay set up until {@link #close}, so the caller can fall back to another capture.
     *
     * @param sink receives the data (whole records unless {@link Settings#wholeRecords()} is
     *     off); calls for one CPU come from one thread, in order, and the buffer is reused once
     *     the call returns
     * @param diagnostics receives one-line warnings (read errors of single files), possibly
     *     from several reader threads at once
     */
    public void start(TraceSink sink, OnlineCpus cpus, Consumer<String> diagnostics) throws RelayException {
        if (started) {
            throw new IllegalStateException("a trace is started only once");
        }
        started = true;
        this.diagnostics = diagnostics;
        List<RelayReaders.RelayFile> files = new ArrayList<>();
        for (int cpu : cpus.toArray()) {
            for (DeviceTrace device : devices) {
                files.add(new RelayReaders.RelayFile(device.name(), cpu, relayFile(device, "trace" + cpu)));
            }
        }
        readers = RelayReaders.start(files, sink, new RelayReaders.Options(settings.bufSize(),
                settings.partialReadMillis(), settings.wholeRecords(), RecordLayout.of(settings.version())),
                diagnostics);
        try {
            for (DeviceTrace device : devices) {
                device.start();
            }
        } catch (RelayException e) {
            stopReaders();
            throw e;
        }
    }

    /**
     * BLKTRACESTOP on every device while no reader is inside read() (see
     * {@link RelayReaders#stop(Runnable)}), then lets the readers drain what the kernel flushed
     * and reads each device's drop count.
     *
     * @throws IOException the first sink failure that ended a reader early
     */
    public void stop() throws IOException {
        Runnable stopDevices = () -> {
            for (DeviceTrace device : devices) {
                try {
                    device.stop();
                } catch (RelayException e) {
                    // Already stopped or never started: the drain still collects everything.
                }
            }
        };
        IOException failure;
        if (readers == null) {
            stopDevices.run();
            failure = null;
        } else {
            failure = readers.stop(stopDevices);
        }
        for (int i = 0; i < devices.size(); i++) {
            dropped[i] = readDropped(devices.get(i));
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Bytes read from the relay file of a device (index in setup order) and CPU. */
    public long bytesRead(int device, int cpu) {
        return readers == null ? 0 : readers.bytesRead(devices.get(device).name(), cpu);
    }

    /** Whether an event (not a note) was read for a device (index in setup order). */
    public boolean sawEvent(int device) {
        return readers != null && readers.sawEvent(devices.get(device).name());
    }

    /** The first relay file that held something other than records of the version asked for, or null. */
    public String problem() {
        return readers == null ? null : readers.problem();
    }

    /**
     * Whether kernel lockdown hides the relay files: opening the first device's file of
     * {@code cpu} fails with EPERM. Call it after {@link #setup}, which makes the files.
     */
    public boolean relayFilesLockedDown(int cpu) {
        String path = relayFile(devices.get(0), "trace" + cpu).toString();
        try {
            LibC.INSTANCE.close(LibC.INSTANCE.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC));
            return false;
        } catch (LastErrorException e) {
            return e.getErrorCode() == Errno.EPERM;
        }
    }

    /** The kernel's count of records it dropped (buffers full), read by {@link #stop}. */
    public long dropped(int device) {
        return dropped[device];
    }

    /**
     * Writes a message into a device's trace (the kernel records it as a notify message on
     * the writing CPU, if the trace runs and NOTIFY is in the mask). The kernel refuses 128
     * bytes or more with EINVAL.
     */
    public void message(int device, String text) throws RelayException {
        DeviceTrace trace = devices.get(device);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String path = relayFile(trace, "msg").toString();
        int fd;
        try {
            fd = LibC.INSTANCE.open(path, LibC.O_WRONLY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw RelayException.ofRelayFile(e.getErrorCode(),
                    "Could not open " + path + ": " + Errno.describe(e.getErrorCode()));
        }
        try {
            Memory memory = new Memory(Math.max(1, bytes.length));
            memory.write(0, bytes, 0, bytes.length);
            LibC.INSTANCE.write(fd, memory, bytes.length);
        } catch (LastErrorException e) {
            throw RelayException.ofRelayFile(e.getErrorCode(),
                    "Could not write " + path + ": " + Errno.describe(e.getErrorCode()));
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    /** Stops readers still running, tears down our traces and closes the devices. */
    @Override
    public void close() {
        stopReaders();
        closeAll(devices);
    }

    private Path relayFile(DeviceTrace device, String file) {
        return settings.debugfs().resolve("block").resolve(device.name()).resolve(file);
    }

    /** Stops and joins the readers; returns the first sink failure among them. */
    private IOException stopReaders() {
        return readers == null ? null : readers.stop();
    }

    /** The kernel's decimal drop counter; a missing file counts as none, as in blktrace. */
    private long readDropped(DeviceTrace device) {
        Path path = relayFile(device, "dropped");
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            int end = 0;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            return end == 0 ? 0 : Long.parseLong(text.substring(0, end));
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            diagnostics.accept("Could not read " + path + ": " + e.getMessage());
            return 0;
        }
    }

    private static void closeAll(List<DeviceTrace> devices) {
        for (DeviceTrace device : devices) {
            device.close();
            ActiveTraces.remove(device);
        }
    }
}
