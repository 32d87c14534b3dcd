package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jblktrace.core.kernel.HostFacility;

/**
 * Every tracefs and sysfs setting a capture may touch, read as text: the tracer, clock, buffer
 * sizes, tracing_on, cpumask, set_event, all trace options and every block device's trace
 * controls.
 */
final class TracefsSnapshot {
    private TracefsSnapshot() {
    }

    private static String read(Path file) throws IOException {
        return new String(ControlFiles.readBytes(file), StandardCharsets.ISO_8859_1).strip();
    }

    /**
     * Until tracing is first used, buffer_size_kb reads "N (expanded: M)"; any use expands it for
     * good (to M rounded up to whole pages), so no capture can give back the first reading.
     * Expanding it up front lets tests compare snapshots before and after a capture exactly.
     */
    static void expandRingBuffer() throws IOException {
        Path size = HostFacility.TRACEFS.resolve("buffer_size_kb");
        String shown = read(size);
        if (shown.contains("(expanded:")) {
            Files.writeString(size, FtraceCapture.bufferSizeToRestore(shown));
        }
    }

    static Map<String, String> take() throws IOException {
        Path t = HostFacility.TRACEFS;
        Map<String, String> settings = new TreeMap<>();
        for (String file : new String[] {"current_tracer", "trace_clock", "tracing_on", "tracing_cpumask", "set_event"}) {
            settings.put(file, read(t.resolve(file)));
        }
        settings.put("buffer_size_kb", read(t.resolve("buffer_size_kb")));
        try (DirectoryStream<Path> cpus = Files.newDirectoryStream(t.resolve("per_cpu"), "cpu*")) {
            for (Path cpu : cpus) {
                settings.put("per_cpu/" + cpu.getFileName() + "/buffer_size_kb", read(cpu.resolve("buffer_size_kb")));
            }
        }
        try (DirectoryStream<Path> options = Files.newDirectoryStream(t.resolve("options"))) {
            for (Path option : options) {
                settings.put("options/" + option.getFileName(), read(option));
            }
        }
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(Path.of("/sys/class/block"))) {
            for (Path device : devices) {
                Path controls = device.resolve("trace");
                if (!Files.isDirectory(controls)) {
                    continue;
                }
                for (String file : new String[] {"enable", "act_mask", "pid", "start_lba", "end_lba"}) {
                    settings.put(device.getFileName() + "/trace/" + file, read(controls.resolve(file)));
                }
            }
        }
        return settings;
    }
}
