package org.jblktrace.core.kernel.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
 * {@code --abandon} exits with the trace still running (to test module unload).
 */
public final class GuestTraceTool {
    /** Relay reads never block; 4 x 512 KiB per CPU absorb far more than 100 ms of TCG I/O. */
    private static final long POLL_MILLIS = 100;

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
        try (RelayCollector collector = RelayCollector.toBlktraceFiles(directory, out,
                options.getOrDefault("--name", name))) {
            control.start(major, minor);
            if (options.containsKey("--ready-file")) {
                Files.createFile(Path.of(options.get("--ready-file")));
            }
            while (!Files.exists(stopFile)) {
                if (!stall) {
                    collector.drain();
                }
                Thread.sleep(POLL_MILLIS);
            }
            if (options.containsKey("--abandon")) {
                System.out.println("trace " + name + " left running");
                return;
            }
            control.stop(major, minor);
            collector.drain();
            long bytes = 0;
            for (int i = 0; i < collector.streams(); i++) {
                bytes += collector.copied(i);
            }
            System.out.println("trace " + name + ": cpus=" + collector.streams() + " bytes=" + bytes
                    + " dropped=" + directory.dropped());
        }
        control.teardown(major, minor);
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }
}
