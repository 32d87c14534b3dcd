package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jblktrace.core.kernel.RunOwner;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.record.RecordLayout;

/**
 * Captures block events through the ftrace {@code blk} tracer (tracefs), for kernels where
 * blktrace's relay files cannot be used, and hands them to a {@link TraceSink} in the format
 * blktrace's relay path produces: per device and CPU, records of the version asked for,
 * numbered from 1, with TIMESTAMP and PROCESS notes. The ring buffer is read raw
 * ({@code per_cpu/cpuN/trace_pipe_raw}), whole entries with their payloads, in whatever layout
 * the kernel writes them ({@link FtraceOptions#kernelEntries()}).
 *
 * <p>Every tracefs and sysfs setting changed is put back by {@link #stop()}, also after a
 * failed {@link #start}; {@link #shutdownHook()} does the same when the JVM is told to exit.
 * Each original value is written to a {@link JournalFile} under {@code /run/jblktrace} before
 * its file changes, so that a process killed outright leaves what {@link #recoverAbandoned()}
 * (and the next capture) puts back.
 */
public final class FtraceCapture implements AutoCloseable {
    /**
     * The trace clock used: CLOCK_MONOTONIC, the clock of {@code ktime_get()} that stamps relay
     * records (and of {@link System#nanoTime()}).
     */
    public static final String TRACE_CLOCK = "mono";

    private static final long DRAIN_STALL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int DEFAULT_PAGE_SIZE = 4096;
    private static final long DRAIN_POLL_MILLIS = 2;

    private enum State { NEW, RUNNING, STOPPED }

    private final TraceSink sink;
    private final HostPaths host;
    private final Consumer<String> notices;
    private final SettingsJournal journal = new SettingsJournal();
    private final CountDownLatch flusherStop = new CountDownLatch(1);
    private State state = State.NEW;
    private Tracefs tracefs;
    // Read without the lock by the figures below, so that a sink may ask for them.
    private volatile List<BlockDevice> devices = List.of();
    private volatile CpuReader[] readerByCpu = new CpuReader[0];
    private volatile long[] lostAtStop;
    private Thread flusher;
    private Thread shutdownHook;

    public FtraceCapture(TraceSink sink) {
        this(sink, notice -> { });
    }

    /**
     * A capture that tells {@code notices} (one phrase each) when it put back the settings a
     * dead capture left before starting, and when a traced device was removed while traced.
     */
    public FtraceCapture(TraceSink sink, Consumer<String> notices) {
        this(sink, HostPaths.SYSTEM, notices);
    }

    FtraceCapture(TraceSink sink, HostPaths host) {
        this(sink, host, notice -> { });
    }

    FtraceCapture(TraceSink sink, HostPaths host, Consumer<String> notices) {
        this.sink = sink;
        this.host = host;
        this.notices = notices;
    }

    /**
     * Configures tracefs and the devices (paths of block device nodes), opens the sink and starts
     * one reader per online CPU. On failure everything changed so far is restored.
     */
    public void start(List<String> devicePaths, FtraceOptions options) throws CaptureException {
        start(devicePaths, null, options);
    }

    /**
     * Like {@link #start(List, FtraceOptions)}, with the online CPUs already read ({@code null}:
     * read them here).
     */
    public synchronized void start(List<String> devicePaths, OnlineCpus cpus, FtraceOptions options)
            throws CaptureException {
        if (state != State.NEW) {
            throw new IllegalStateException("a capture can only be started once");
        }
        if (devicePaths.isEmpty()) {
            throw new IllegalArgumentException("no device to trace");
        }
        state = State.RUNNING;
        try {
            checkRoot();
            tracefs = Tracefs.locate(host);
            checkBlkTracer();
            devices = resolveDevices(devicePaths);
            claimTracefs();
            checkNotInUse();
            OnlineCpus online = cpus != null ? cpus : onlineCpus();
            configureTracefs(options, online);
            configureDevices(options);
            openSink(online.maxCpus());
            startReaders(online, options);
            ControlFiles.write(tracefs.file("tracing_on"), "1");
        } catch (CaptureException | RuntimeException e) {
            state = State.STOPPED;
            List<String> problems = shutDown();
            if (problems.isEmpty()) {
                throw e;
            }
            // Settings left changed: the caller must hear of it, not try another path.
            throw new CaptureException(e.getMessage() + "; while restoring: " + String.join("; ", problems), e);
        }
    }

    private void checkRoot() throws CaptureException {
        String status = ControlFiles.read(host.proc.resolve("self/status"));
        long uid = effectiveUid(status);
        if (uid != 0) {
            throw new CaptureException("tracing block devices through tracefs needs root (effective uid is " + uid + ")");
        }
    }

    /** The effective uid from a {@code /proc/PID/status} text ("Uid: real effective saved fs"). */
    static long effectiveUid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                return Long.parseLong(ids.length > 1 ? ids[1] : ids[0]);
            }
        }
        return -1;
    }

    private OnlineCpus onlineCpus() throws CaptureException {
        Path list = host.sys.resolve("devices/system/cpu/online");
        try {
            return OnlineCpus.parse(ControlFiles.read(list));
        } catch (IOException e) {
            throw new CaptureException("cannot parse " + list + ": " + e.getMessage(), e);
        }
    }

    private void checkBlkTracer() throws CaptureException {
        String tracers = tracefs.read("available_tracers");
        if (!Tracefs.listContains(tracers, "blk")) {
            throw CaptureException.unavailable("this kernel has no blk tracer (built without "
                + "CONFIG_BLK_DEV_IO_TRACE); available tracers: " + tracers.trim());
        }
    }

    private List<BlockDevice> resolveDevices(List<String> paths) throws CaptureException {
        List<BlockDevice> resolved = new ArrayList<>();
        for (String path : paths) {
            BlockDevice device = BlockDevice.resolve(path, host.sys);
            boolean duplicate = false;
            for (BlockDevice other : resolved) {
                duplicate |= other.recordDevice() == device.recordDevice();
            }
            if (!duplicate) {
                resolved.add(device);
            }
        }
        return resolved;
    }

    /**
     * Creates the on-disk journal, the claim on tracefs, first putting back what a dead capture
     * left. A live capture's journal means tracefs is in use.
     */
    private void claimTracefs() throws CaptureException {
        RunOwner self = RunOwner.self(host.proc);
        List<String> paths = new ArrayList<>();
        for (BlockDevice device : devices) {
            paths.add(device.path);
        }
        // Twice at most: a journal can vanish between the attempt to create ours and reading it.
        for (int attempt = 0; attempt < 2; attempt++) {
            JournalFile file = JournalFile.create(host.journalDir, self.pid(), self.startTime(), paths);
            if (file != null) {
                journal.keepOnDisk(file);
                return;
            }
            JournalFile.Contents left = JournalFile.read(host.journalDir);
            if (left == null) {
                continue;
            }
            if (isAlive(host, left)) {
                throw new CaptureException("ftrace is in use by " + owner(left) + "; stop that trace first (kill -INT "
                    + left.pid() + ")");
            }
            notices.accept(restoreAbandoned(host, tracefs.root(), left));
        }
        throw new CaptureException("cannot create " + host.journalDir.resolve(JournalFile.NAME)
            + ": another process keeps creating and removing it");
    }

    /**
     * What {@code blktrace -k} did for the ftrace path.
     *
     * @param report one line saying what was put back, or which live capture was left alone, or
     *     what tracefs holds that no capture of ours explains and how to reset it; null when
     *     there was nothing to say
     * @param devices the device paths of the capture the journal named, dead or alive (empty if none)
     */
    public record Recovery(String report, List<String> devices) {
    }

    /**
     * What {@code blktrace -k} does for the ftrace path: puts back the settings of a capture
     * that died (kill -9, the OOM killer) as its journal records them; leaves a live capture
     * alone; describes tracefs changes no journal explains.
     */
    public static Recovery recoverAbandoned() throws CaptureException {
        return recoverAbandoned(HostPaths.SYSTEM);
    }

    static Recovery recoverAbandoned(HostPaths host) throws CaptureException {
        JournalFile.Contents left = JournalFile.read(host.journalDir);
        if (left != null && isAlive(host, left)) {
            return new Recovery(owner(left) + " is running: its trace is left alone (stop it with kill -INT "
                + left.pid() + ")", left.devices());
        }
        Tracefs tracefs = Tracefs.locate(host);
        try {
            if (left != null) {
                return new Recovery(restoreAbandoned(host, tracefs.root(), left), left.devices());
            }
            String tracer = tracefs.read("current_tracer");
            if (tracer.equals("nop")) {
                return new Recovery(null, List.of());
            }
            return new Recovery("ftrace is in use: current_tracer is '" + tracer + "', and no run of ours left "
                + "that; " + resetAdvice(tracefs), List.of());
        } finally {
            tracefs.unmountIfMountedHere();
        }
    }

    private static String resetAdvice(Tracefs tracefs) {
        return "if no tool is tracing, reset it with: echo nop > " + tracefs.file("current_tracer");
    }

    /** Writes back what a dead capture's journal records, newest first, and removes the journal. */
    private static String restoreAbandoned(HostPaths host, Path tracefsRoot, JournalFile.Contents left)
            throws CaptureException {
        List<String> restored = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<JournalFile.Change> changes = left.changes();
        for (int i = changes.size() - 1; i >= 0; i--) {
            JournalFile.Change change = changes.get(i);
            try {
                Path file = change.file();
                String name = file.startsWith(tracefsRoot) ? tracefsRoot.relativize(file).toString() : file.toString();
                if (ControlFiles.putBack(file, change.original())) {
                    restored.add(name + "=" + change.original());
                } else {
                    restored.add(name + " (its device is gone, and its trace with it)");
                }
            } catch (CaptureException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new CaptureException("cannot put back what " + owner(left) + " left when it died: "
                + String.join("; ", failures) + " (the record stays in " + host.journalDir.resolve(JournalFile.NAME)
                + ")");
        }
        JournalFile.remove(host.journalDir);
        return "put back the tracefs settings " + owner(left) + " left when it died"
            + (restored.isEmpty() ? " (it had changed none)" : ": " + String.join(", ", restored));
    }

    private static String owner(JournalFile.Contents journal) {
        return "blktrace (pid " + journal.pid() + ", tracing " + String.join(" ", journal.devices()) + ")";
    }

    /** Whether the journal's owner runs. */
    private static boolean isAlive(HostPaths host, JournalFile.Contents journal) {
        return new RunOwner(journal.pid(), journal.startTime()).isAlive(host.proc);
    }

    private void checkNotInUse() throws CaptureException {
        String tracer = tracefs.read("current_tracer");
        if (!tracer.equals("nop")) {
            throw new CaptureException("ftrace is in use: current_tracer is '" + tracer + "' (not nop); "
                + "stop that trace first; " + resetAdvice(tracefs));
        }
        if (!tracefs.read("set_event").isEmpty()) {
            throw new CaptureException("ftrace is in use: trace events are enabled (" + tracefs.file("set_event")
                + " is not empty); stop that trace first");
        }
        for (BlockDevice device : devices) {
            if (!ControlFiles.read(device.control("enable")).equals("0")) {
                throw new CaptureException(device.path + " is already being traced (" + device.control("enable")
                    + " is 1)");
            }
        }
        // With the blk tracer on, the kernel diverts every blktrace into the ftrace buffer.
        try (DirectoryStream<Path> all = Files.newDirectoryStream(host.sys.resolve("class/block"))) {
            for (Path entry : all) {
                Path enable = entry.resolve("trace/enable");
                if (Files.exists(enable) && !ControlFiles.read(enable).equals("0")) {
                    throw new CaptureException(entry.getFileName() + " is being traced by another session, "
                        + "whose events the ftrace blk tracer would take over (" + enable + " is 1)");
                }
            }
        } catch (IOException e) {
            throw new CaptureException("cannot list block devices in " + host.sys.resolve("class/block") + ": "
                + CaptureException.reason(e), e);
        }
    }

    private void configureTracefs(FtraceOptions options, OnlineCpus online) throws CaptureException {
        journal.change(tracefs.file("tracing_on"), tracefs.read("tracing_on"), "0");
        String clocks = tracefs.read("trace_clock");
        if (!Tracefs.listContains(clocks, TRACE_CLOCK)) {
            throw new CaptureException("trace clock '" + TRACE_CLOCK + "' is not offered by this kernel: " + clocks);
        }
        setIfDifferent(tracefs.file("trace_clock"), Tracefs.selected(clocks), TRACE_CLOCK);
        if (options.bufferSizeKb() > 0) {
            rememberBufferSize();
            ControlFiles.write(tracefs.file("buffer_size_kb"), Integer.toString(options.bufferSizeKb()));
        }
        includeInCpuMask(online);
        journal.change(tracefs.file("current_tracer"), "nop", "blk");
        // The raw pipe is read, so the text options (bin, blk_classic, context-info) do not matter.
        setOption("blk_cgroup", "0");
        // A full buffer drops new events (counted) instead of overwriting unread ones.
        setOption("overwrite", "0");
        setOption("record-cmd", "1");
    }

    private void setOption(String name, String value) throws CaptureException {
        Path option = tracefs.file("options/" + name);
        if (Files.exists(option)) {
            setIfDifferent(option, ControlFiles.read(option), value);
        }
    }

    private void setIfDifferent(Path file, String current, String value) throws CaptureException {
        if (!current.equals(value)) {
            journal.change(file, current, value);
        }
    }

    /**
     * {@code buffer_size_kb} reads "N (expanded: M)" before first use (restore M, what any use
     * expands it to) and "X" when CPUs differ (restore each CPU's size).
     */
    private void rememberBufferSize() throws CaptureException {
        String size = tracefs.read("buffer_size_kb");
        if (size.equals("X")) {
            try (DirectoryStream<Path> cpus = Files.newDirectoryStream(tracefs.file("per_cpu"), "cpu*")) {
                for (Path cpu : cpus) {
                    Path file = cpu.resolve("buffer_size_kb");
                    journal.remember(file, ControlFiles.read(file));
                }
            } catch (IOException e) {
                throw new CaptureException("cannot list " + tracefs.file("per_cpu") + ": " + CaptureException.reason(e), e);
            }
        } else {
            journal.remember(tracefs.file("buffer_size_kb"), bufferSizeToRestore(size));
        }
    }

    static String bufferSizeToRestore(String shown) {
        String marker = "(expanded: ";
        int at = shown.indexOf(marker);
        if (at < 0) {
            return shown.trim();
        }
        return shown.substring(at + marker.length(), shown.indexOf(')', at)).trim();
    }

    private void includeInCpuMask(OnlineCpus online) throws CaptureException {
        Path maskFile = tracefs.file("tracing_cpumask");
        String mask = tracefs.read("tracing_cpumask");
        BitSet traced = CpuMasks.parse(mask);
        BitSet wanted = (BitSet) traced.clone();
        for (int cpu : online.toArray()) {
            wanted.set(cpu);
        }
        if (!wanted.equals(traced)) {
            journal.change(maskFile, mask, CpuMasks.format(wanted, mask));
        }
    }

    private void configureDevices(FtraceOptions options) throws CaptureException {
        for (BlockDevice device : devices) {
            // Disabling removes the kernel's trace object, and with it the mask and filters below.
            journal.change(device.control("enable"), "0", "1");
            ControlFiles.write(device.control("act_mask"), "0x" + Integer.toHexString(options.actMask()));
            ControlFiles.write(device.control("pid"), Integer.toString(options.pid()));
            if (options.startLba() != 0) {
                ControlFiles.write(device.control("start_lba"), Long.toUnsignedString(options.startLba()));
            }
            if (options.endLba() != 0) {
                ControlFiles.write(device.control("end_lba"), Long.toUnsignedString(options.endLba()));
            }
        }
    }

    private void openSink(int cpuCount) throws CaptureException {
        List<String> names = new ArrayList<>();
        for (BlockDevice device : devices) {
            names.add(device.name);
        }
        try {
            sink.open(names, cpuCount);
        } catch (IOException e) {
            throw new CaptureException(CaptureException.Kind.SINK,
                "cannot open the trace output: " + CaptureException.reason(e), e);
        }
    }

    private void startReaders(OnlineCpus online, FtraceOptions options) throws CaptureException {
        int[] numbers = new int[devices.size()];
        String[] names = new String[devices.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = devices.get(i).recordDevice();
            names[i] = devices.get(i).name;
        }
        TaskNameSource taskNames = new KernelTaskNames(host.proc, tracefs.file("saved_cmdlines"));
        long monoNs = System.nanoTime();
        Instant wall = Instant.now();
        int[] cpus = online.toArray();
        CpuReader[] readers = new CpuReader[online.maxCpus()];
        int pageSize = ringBufferPageSize();
        for (int cpu : cpus) {
            Path pipe = tracefs.file("per_cpu/cpu" + cpu + "/trace_pipe_raw");
            FileChannel channel;
            try {
                channel = FileChannel.open(pipe, StandardOpenOption.READ);
            } catch (IOException e) {
                readerByCpu = readers;
                throw new CaptureException("cannot open " + pipe + ": " + CaptureException.reason(e), e);
            }
            RecordConverter converter = new RecordConverter(cpu, options.kernelEntries(),
                RecordLayout.of(options.recordVersion()), numbers, names, taskNames, sink, options.flushBytes());
            if (cpu == cpus[0]) {
                converter.announceStart(monoNs, wall.getEpochSecond(), wall.getNano());
            }
            readers[cpu] = new CpuReader(cpu, channel, pageSize, converter);
        }
        readerByCpu = readers;
        for (CpuReader reader : readers) {
            if (reader != null) {
                reader.start();
            }
        }
        if (options.flushIntervalMillis() > 0) {
            flusher = new Thread(() -> flushPeriodically(options.flushIntervalMillis()), "ftrace-flush");
            flusher.setDaemon(true);
            flusher.start();
        }
    }

    /**
     * The size of the ring buffer's pages, which each read of {@code trace_pipe_raw} hands out:
     * where the data field of {@code events/header_page} ends (Linux 6.8 lets the page size be
     * changed). 4096 where the file cannot be read.
     */
    private int ringBufferPageSize() {
        try {
            return pageSizeFromHeader(tracefs.read("events/header_page"));
        } catch (CaptureException unreadable) {
            return DEFAULT_PAGE_SIZE;
        }
    }

    /** The page size a {@code header_page} text describes: offset plus size of its data field. */
    static int pageSizeFromHeader(String headerPage) {
        for (String line : headerPage.split("\n")) {
            if (line.contains(" data;")) {
                int offset = fieldNumber(line, "offset:");
                int size = fieldNumber(line, "size:");
                if (offset > 0 && size > 0) {
                    return offset + size;
                }
            }
        }
        return DEFAULT_PAGE_SIZE;
    }

    private static int fieldNumber(String line, String name) {
        int at = line.indexOf(name);
        if (at < 0) {
            return -1;
        }
        int end = line.indexOf(';', at);
        try {
            return Integer.parseInt(line.substring(at + name.length(), end < 0 ? line.length() : end).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void flushPeriodically(long intervalMillis) {
        try {
            while (!flusherStop.await(intervalMillis, TimeUnit.MILLISECONDS)) {
                for (CpuReader reader : readerByCpu) {
                    if (reader != null) {
                        reader.flushPending();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops tracing, drains every CPU's buffer into the sink and restores all settings. Does
     * nothing if the capture is not running. Reports reader, sink and restore failures.
     */
    public synchronized void stop() throws CaptureException {
        if (state != State.RUNNING) {
            return;
        }
        state = State.STOPPED;
        List<String> problems = shutDown();
        String failure = failure();
        if (failure != null) {
            problems.add(0, failure);
        }
        if (!problems.isEmpty()) {
            throw new CaptureException(String.join("; ", problems));
        }
    }

    @Override
    public void close() throws CaptureException {
        stop();
    }

    private List<String> shutDown() {
        List<String> problems = new ArrayList<>();
        if (!journal.isEmpty()) {
            try {
                ControlFiles.write(tracefs.file("tracing_on"), "0");
            } catch (CaptureException e) {
                problems.add(e.getMessage());
            }
        }
        flusherStop.countDown();
        boolean interrupted = false;
        try {
            if (flusher != null) {
                flusher.join();
            }
            drain();
            for (CpuReader reader : readerByCpu) {
                if (reader != null) {
                    reader.closeAndJoin();
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            problems.add("interrupted while stopping the capture");
        }
        if (tracefs != null) {
            lostAtStop = readLost();
        }
        problems.addAll(journal.restore());
        for (BlockDevice device : devices) {
            if (device.removed()) {
                notices.accept(device.path + " was removed while traced; the records it gave until then are kept");
            }
        }
        if (tracefs != null) {
            String unmount = tracefs.unmountIfMountedHere();
            if (unmount != null) {
                problems.add(unmount);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return problems;
    }

    /**
     * Waits until the readers have taken every event left in the (no longer filling) buffers,
     * giving up on a CPU whose reader makes no progress for a while.
     */
    private void drain() throws InterruptedException {
        // Lets events whose writers passed the tracing_on check before it changed land.
        Thread.sleep(DRAIN_POLL_MILLIS);
        FaultInjection.whileDraining();
        for (CpuReader reader : readerByCpu) {
            if (reader == null) {
                continue;
            }
            long deadline = System.nanoTime() + DRAIN_STALL_NANOS;
            long left = unreadEntries(reader.cpu);
            while (left > 0 && reader.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(DRAIN_POLL_MILLIS);
                long now = unreadEntries(reader.cpu);
                if (now < left) {
                    deadline = System.nanoTime() + DRAIN_STALL_NANOS;
                }
                left = now;
            }
        }
    }

    private long unreadEntries(int cpu) {
        try {
            return RingBufferStats.parse(tracefs.read("per_cpu/cpu" + cpu + "/stats")).entries;
        } catch (CaptureException unreadable) {
            return 0;
        }
    }

    private long[] readLost() {
        long[] lost = new long[readerByCpu.length];
        for (int cpu = 0; cpu < lost.length; cpu++) {
            if (readerByCpu[cpu] != null) {
                lost[cpu] = lostEvents(cpu);
            }
        }
        return lost;
    }

    private long lostEvents(int cpu) {
        try {
            return RingBufferStats.parse(tracefs.read("per_cpu/cpu" + cpu + "/stats")).lost;
        } catch (CaptureException unreadable) {
            return 0;
        }
    }

    /**
     * A thread that stops the capture and restores the settings, for
     * {@code Runtime.getRuntime().addShutdownHook}, so that SIGINT and SIGTERM leave tracefs as it
     * was. Errors are printed to stderr as one line each.
     */
    public synchronized Thread shutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(() -> {
                try {
                    stop();
                } catch (CaptureException e) {
                    System.err.println(e.getMessage());
                }
            }, "ftrace-restore");
        }
        return shutdownHook;
    }

    /** The first failure of a reader or of the sink, or null; the capture of that CPU has ended. */
    public String failure() {
        for (CpuReader reader : readerByCpu) {
            Exception e = reader == null ? null : reader.failure();
            if (e != null) {
                return "capturing CPU " + reader.cpu + " failed: " + CaptureException.reason(e);
            }
        }
        return null;
    }

    /** Names of the traced devices, as given to the sink. */
    public List<String> deviceNames() {
        List<String> names = new ArrayList<>();
        for (BlockDevice device : devices) {
            names.add(device.name);
        }
        return names;
    }

    /** Number of CPU streams: highest online CPU + 1. */
    public int cpuCount() {
        return readerByCpu.length;
    }

    /** Events (not notes) captured for a device on a CPU. */
    public long eventCount(String deviceName, int cpu) {
        int index = deviceIndex(deviceName);
        CpuReader[] readers = readerByCpu;
        CpuReader reader = cpu >= 0 && cpu < readers.length ? readers[cpu] : null;
        return reader == null ? 0 : reader.events(index);
    }

    /** Events (not notes) captured for a device, all CPUs. */
    public long eventCount(String deviceName) {
        long sum = 0;
        for (int cpu = 0; cpu < cpuCount(); cpu++) {
            sum += eventCount(deviceName, cpu);
        }
        return sum;
    }

    /**
     * What the tracer delivered that the capture could not take as a record of a traced device,
     * as a phrase, or null.
     */
    public String recordProblem() {
        for (CpuReader reader : readerByCpu) {
            String problem = reader == null ? null : reader.recordProblem();
            if (problem != null) {
                return "CPU " + reader.cpu + "'s ftrace pipe held " + problem;
            }
        }
        return null;
    }

    /** Events left out on all CPUs because the records' version cannot carry them. */
    public long leftOutEvents() {
        long sum = 0;
        for (CpuReader reader : readerByCpu) {
            sum += reader == null ? 0 : reader.leftOut();
        }
        return sum;
    }

    /** Events captured on a CPU, all devices. */
    public long eventCount(int cpu) {
        long sum = 0;
        for (BlockDevice device : devices) {
            sum += eventCount(device.name, cpu);
        }
        return sum;
    }

    /** Bytes handed to the sink for a device on a CPU. */
    public long byteCount(String deviceName, int cpu) {
        int index = deviceIndex(deviceName);
        CpuReader[] readers = readerByCpu;
        CpuReader reader = cpu >= 0 && cpu < readers.length ? readers[cpu] : null;
        return reader == null ? 0 : reader.bytesWritten(index);
    }

    /** Events the ring buffer of a CPU lost (full buffer), for all devices together. */
    public long droppedEvents(int cpu) {
        CpuReader[] readers = readerByCpu;
        if (cpu < 0 || cpu >= readers.length || readers[cpu] == null) {
            return 0;
        }
        long[] atStop = lostAtStop;
        return atStop != null ? atStop[cpu] : lostEvents(cpu);
    }

    /** Events lost on all CPUs. */
    public long droppedEvents() {
        long sum = 0;
        for (int cpu = 0; cpu < cpuCount(); cpu++) {
            sum += droppedEvents(cpu);
        }
        return sum;
    }

    private int deviceIndex(String deviceName) {
        List<BlockDevice> traced = devices;
        for (int i = 0; i < traced.size(); i++) {
            if (traced.get(i).name.equals(deviceName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a traced device: " + deviceName);
    }
}
