package org.jblktrace.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.module.ModuleAbi;
import org.jblktrace.core.kernel.module.ModuleControl;
import org.jblktrace.core.kernel.module.ModuleControlException;
import org.jblktrace.core.kernel.module.TraceDirectory;
import org.jblktrace.core.kernel.module.TraceSetup;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.kernel.relay.RelayReaders;

/**
 * The jblktrace kernel module ({@code /dev/jblktrace}), for kernels without blktrace: set up
 * and start a trace per device, read its relay files with core's per-CPU readers as the relay
 * path does, and on stop drain them and tear the traces down.
 */
final class ModuleCapture implements RunningCapture {
    private static final int PIPED_POLL_MILLIS = 50;
    private static final int FILE_POLL_MILLIS = 500;

    private final ModuleControl control;
    private final List<int[]> numbers = new ArrayList<>();
    private final List<TraceDirectory> directories = new ArrayList<>();
    private final TraceOutput output;
    private final long[] dropped;
    private RelayReaders readers;

    private ModuleCapture(ModuleControl control, TraceOutput output, int devices) {
        this.control = control;
        this.output = output;
        this.dropped = new long[devices];
    }

    /** Whether the module's control device is there (the module is loaded). */
    static boolean isAvailable() {
        return Files.exists(Path.of(ModuleAbi.DEVICE_PATH));
    }

    /**
     * Sets up and starts a trace on every device. On failure the traces set up here are torn
     * down; a device the module already traces for someone else keeps that trace.
     *
     * @param stderr receives the readers' one-line warnings (a relay file that cannot be read)
     */
    static ModuleCapture start(TraceRequest request, String debugfs, TraceOutput output, PrintStream stderr)
            throws IOException {
        ModuleControl control = ModuleControl.open();
        ModuleCapture capture = new ModuleCapture(control, output, request.devices.size());
        try {
            capture.setUp(request, Path.of(debugfs));
            output.open(capture.names(), OnlineCpus.read().maxCpus());
            capture.readers = RelayReaders.start(capture.relayFiles(), output,
                    new RelayReaders.Options((int) request.bufferBytes,
                            request.piped() ? PIPED_POLL_MILLIS : FILE_POLL_MILLIS, request.piped(),
                            output.wholeRecords()),
                    stderr::println);
            for (int[] number : capture.numbers) {
                control.start(number[0], number[1]);
            }
        } catch (IOException | RuntimeException e) {
            capture.tearDown();
            throw e;
        }
        return capture;
    }

    private void setUp(TraceRequest request, Path debugfs) throws IOException {
        for (String device : request.devices) {
            long rdev = (Long) Files.getAttribute(Path.of(device), "unix:rdev");
            int major = (int) (((rdev >>> 8) & 0xFFF) | ((rdev >>> 32) & ~0xFFFL));
            int minor = (int) ((rdev & 0xFF) | ((rdev >>> 12) & ~0xFFL));
            TraceSetup setup = new TraceSetup(major, minor, request.actMask, (int) request.bufferBytes,
                    (int) request.bufferCount, 0, 0, 0);
            String name = control.setup(setup);
            numbers.add(new int[] {major, minor});
            directories.add(TraceDirectory.of(debugfs, name));
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (TraceDirectory directory : directories) {
            names.add(directory.path().getFileName().toString());
        }
        return names;
    }

    private List<RelayReaders.RelayFile> relayFiles() throws IOException {
        List<String> names = names();
        List<RelayReaders.RelayFile> files = new ArrayList<>();
        for (int device = 0; device < directories.size(); device++) {
            List<Path> paths = directories.get(device).cpuFiles();
            for (int cpu = 0; cpu < paths.size() && cpu < output.cpuCount(); cpu++) {
                if (paths.get(cpu) != null) {
                    files.add(new RelayReaders.RelayFile(names.get(device), cpu, paths.get(cpu)));
                }
            }
        }
        return files;
    }

    @Override
    public String stop() {
        List<String> problems = new ArrayList<>();
        for (int[] number : numbers) {
            try {
                control.stop(number[0], number[1]);
            } catch (ModuleControlException e) {
                problems.add(e.getMessage());
            }
        }
        // STOP made the partly filled sub-buffers readable; the readers take everything left.
        IOException failure = readers.stop();
        if (failure != null) {
            problems.add("reading the jblktrace module's relay files failed: " + OutputFiles.reason(failure));
        }
        for (int device = 0; device < directories.size(); device++) {
            try {
                dropped[device] = directories.get(device).dropped();
            } catch (IOException e) {
                problems.add("cannot read " + directories.get(device).path().resolve("dropped") + ": "
                        + OutputFiles.reason(e));
            }
        }
        problems.addAll(tearDown());
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Closes the relay files, tears down the traces set up here and closes the control device. */
    private List<String> tearDown() {
        List<String> problems = new ArrayList<>();
        if (readers != null) {
            readers.stop();
        }
        for (int[] number : numbers) {
            try {
                control.teardown(number[0], number[1]);
            } catch (ModuleControlException e) {
                problems.add(e.getMessage());
            }
        }
        numbers.clear();
        control.close();
        return problems;
    }

    @Override
    public long dropped(int device) {
        return dropped[device];
    }
}
