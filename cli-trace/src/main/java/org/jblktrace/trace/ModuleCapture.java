package org.jblktrace.trace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.module.ModuleAbi;
import org.jblktrace.core.kernel.module.ModuleControl;
import org.jblktrace.core.kernel.module.ModuleControlException;
import org.jblktrace.core.kernel.module.TraceDirectory;
import org.jblktrace.core.kernel.module.TraceSetup;
import org.jblktrace.core.kernel.relay.OnlineCpus;

/**
 * The jblktrace kernel module ({@code /dev/jblktrace}), for kernels without blktrace: set up
 * and start a trace per device, read its relay files in one thread, and on stop drain them and
 * tear the traces down.
 */
final class ModuleCapture implements RunningCapture {
    private static final long PIPED_POLL_MILLIS = 50;
    private static final long FILE_POLL_MILLIS = 500;

    private final ModuleControl control;
    private final List<int[]> numbers = new ArrayList<>();
    private final List<TraceDirectory> directories = new ArrayList<>();
    private final List<RelayFileReader> readers = new ArrayList<>();
    private final TraceOutput output;
    private final long pollMillis;
    private final long[] dropped;
    private Thread thread;
    private volatile boolean stopping;
    private volatile String failure;

    private ModuleCapture(ModuleControl control, TraceOutput output, long pollMillis, int devices) {
        this.control = control;
        this.output = output;
        this.pollMillis = pollMillis;
        this.dropped = new long[devices];
    }

    /** Whether the module's control device is there (the module is loaded). */
    static boolean isAvailable() {
        return Files.exists(Path.of(ModuleAbi.DEVICE_PATH));
    }

    /**
     * Sets up and starts a trace on every device. On failure the traces set up here are torn
     * down; a device the module already traces for someone else keeps that trace.
     */
    static ModuleCapture start(TraceRequest request, String debugfs, TraceOutput output) throws IOException {
        ModuleControl control = ModuleControl.open();
        ModuleCapture capture = new ModuleCapture(control, output,
                request.piped() ? PIPED_POLL_MILLIS : FILE_POLL_MILLIS, request.devices.size());
        try {
            capture.setUp(request, Path.of(debugfs));
            output.open(capture.names(), OnlineCpus.read().maxCpus());
            capture.openRelayFiles((int) request.bufferBytes);
            for (int[] number : capture.numbers) {
                control.start(number[0], number[1]);
            }
        } catch (IOException | RuntimeException e) {
            capture.tearDown();
            throw e;
        }
        capture.thread = new Thread(capture::readUntilStopped, "blktrace-module");
        capture.thread.setDaemon(true);
        capture.thread.start();
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

    private void openRelayFiles(int readSize) throws IOException {
        List<String> names = names();
        for (int device = 0; device < directories.size(); device++) {
            List<Path> files = directories.get(device).cpuFiles();
            for (int cpu = 0; cpu < files.size() && cpu < output.cpuCount(); cpu++) {
                if (files.get(cpu) != null) {
                    FileChannel relay = FileChannel.open(files.get(cpu), StandardOpenOption.READ);
                    readers.add(new RelayFileReader(names.get(device), cpu, relay, readSize));
                }
            }
        }
    }

    private void readUntilStopped() {
        try {
            while (!stopping) {
                if (readAll() == 0) {
                    Thread.sleep(pollMillis);
                }
            }
        } catch (IOException e) {
            failure = "reading the jblktrace module's relay files failed: " + OutputFiles.reason(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long readAll() throws IOException {
        long read = 0;
        for (RelayFileReader reader : readers) {
            read += reader.readOnce(output);
        }
        return read;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public String stop() {
        stopping = true;
        List<String> problems = new ArrayList<>();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while stopping");
        }
        for (int[] number : numbers) {
            try {
                control.stop(number[0], number[1]);
            } catch (ModuleControlException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            // STOP made the partly filled sub-buffers readable; take everything that is left.
            long read;
            do {
                read = readAll();
            } while (read > 0);
        } catch (IOException e) {
            problems.add("reading the jblktrace module's relay files failed: " + OutputFiles.reason(e));
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
        for (RelayFileReader reader : readers) {
            try {
                reader.close();
            } catch (IOException e) {
                problems.add(OutputFiles.reason(e));
            }
        }
        readers.clear();
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
