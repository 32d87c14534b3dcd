package org.jblktrace.core.kernel.module;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.kernel.relay.RelayReaders;
import org.jblktrace.core.record.RecordLayout;

/**
 * Command-line driver of the module binding for the QEMU guest proof (kernel/tests/guest): traces
 * one device into blktrace-named per-CPU files until a stop file appears.
 *
 * <pre>
 * trace --dev MAJ:MIN --out DIR --name BASE [--act-mask N] [--buf-size N] [--buf-nr N] [--pid N]
 *       [--ready-file F] --stop-file F [--stall] [--abandon]
 * teardown --dev MAJ:MIN
 * </pre>
 * {@code --stall} reads nothing until the trace is stopped (to overrun the buffers);
 * {@code --abandon} exits with the trace still running (to test module unload). The relay
 * files are read by core's {@link RelayReaders}, as blktrace's module backend reads them.
 */
public final class GuestTraceTool {
    /** How often the tool looks for the stop file. */
    private static final long STOP_FILE_MILLIS = 100;
    private static final int POLL_TIMEOUT_MILLIS = 500;

    private GuestTraceTool() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IOException | IllegalArgumentException | InterruptedException e) {
            System.err.println("guest-trace: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: trace|teardown --dev MAJ:MIN ...");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--stall") || key.equals("--abandon")) {
                options.put(key, "");
            } else if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException(key + " needs a value");
            }
        }
        String[] dev = required(options, "--dev").split(":");
        int major = Integer.parseInt(dev[0]);
        int minor = Integer.parseInt(dev[1]);
        try (ModuleControl control = ModuleControl.open()) {
            switch (args[0]) {
                case "teardown" -> control.teardown(major, minor);
                case "trace" -> trace(control, major, minor, options);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
    }

    private static void trace(ModuleControl control, int major, int minor, Map<String, String> options)
            throws IOException, InterruptedException {
        TraceSetup setup = new TraceSetup(major, minor,
                Integer.decode(options.getOrDefault("--act-mask", "0")),
                Integer.parseInt(options.getOrDefault("--buf-size", "524288")),
                Integer.parseInt(options.getOrDefault("--buf-nr", "4")),
                Integer.parseInt(options.getOrDefault("--pid", "0")), 0, 0);
        Path out = Path.of(required(options, "--out"));
        Path stopFile = Path.of(required(options, "--stop-file"));
        boolean stall = options.containsKey("--stall");
        String name = control.setup(setup);
        TraceDirectory directory = TraceDirectory.of(TraceDirectory.DEFAULT_DEBUGFS, name);
        List<Path> relayFiles = directory.cpuFiles();
        List<RelayReaders.RelayFile> files = new ArrayList<>();
        for (int cpu = 0; cpu < relayFiles.size(); cpu++) {
            if (relayFiles.get(cpu) != null) {
                files.add(new RelayReaders.RelayFile(name, cpu, relayFiles.get(cpu)));
            }
        }
        RelayReaders.Options read = new RelayReaders.Options(setup.bufSize(), POLL_TIMEOUT_MILLIS, false, false,
                RecordLayout.V7);
        try (CpuFiles sink = new CpuFiles(out, options.getOrDefault("--name", name), relayFiles.size())) {
            RelayReaders readers = stall ? null : RelayReaders.start(files, sink, read, System.err::println);
            control.start(major, minor);
            if (options.containsKey("--ready-file")) {
                Files.createFile(Path.of(options.get("--ready-file")));
            }
            while (!Files.exists(stopFile)) {
                Thread.sleep(STOP_FILE_MILLIS);
            }
            if (options.containsKey("--abandon")) {
                System.out.println("trace " + name + " left running");
                return;
            }
            control.stop(major, minor);
            if (readers == null) {
                readers = RelayReaders.start(files, sink, read, System.err::println);
            }
            IOException failure = readers.stop();
            if (failure != null) {
                throw failure;
            }
            long bytes = 0;
            for (RelayReaders.RelayFile file : files) {
                bytes += readers.bytesRead(name, file.cpu());
            }
            System.out.println("trace " + name + ": cpus=" + relayFiles.size() + " bytes=" + bytes
                    + " dropped=" + directory.dropped());
        }
        control.teardown(major, minor);
    }

    /** {@code DIR/BASE.blktrace.CPU} for every CPU up to the highest traced one, as blktrace names them. */
    private static final class CpuFiles implements TraceSink, AutoCloseable {
        private final List<FileChannel> channels = new ArrayList<>();

        CpuFiles(Path dir, String base, int cpus) throws IOException {
            for (int cpu = 0; cpu < cpus; cpu++) {
                channels.add(FileChannel.open(dir.resolve(base + ".blktrace." + cpu), StandardOpenOption.WRITE,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING));
            }
        }

        @Override
        public void write(String deviceName, int cpu, ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                channels.get(cpu).write(data);
            }
        }

        @Override
        public void close() throws IOException {
            for (FileChannel channel : channels) {
                channel.close();
            }
        }
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }
}
