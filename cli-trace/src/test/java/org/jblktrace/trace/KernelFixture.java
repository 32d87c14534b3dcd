package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.kernel.HostFacility;
import org.jblktrace.core.kernel.LoopDevice;

/**
 * What the kernel tests share: the facility check (skip on a developer machine, fail when
 * CI=true), a lock that keeps tracefs users of concurrent builds apart, loop devices, direct
 * I/O requests and a snapshot of every setting a capture may change.
 */
final class KernelFixture {
    static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    /** What blktrace says on a host whose relay files are locked down, like this project's CI. */
    static final String LOCKED_DOWN_NOTE = "blktrace: relay files are locked down (EPERM); tracing through ftrace\n";
    static final Path LOCK_FILE = Path.of("/tmp/jblktrace-tracefs.lock");

    private KernelFixture() {
    }

    static void require() throws IOException {
        HostFacility.requireFtrace();
        for (String tool : new String[] {"/usr/bin/dd", "/usr/bin/setpriv"}) {
            HostFacility.require(Files.isExecutable(Path.of(tool)), tool);
        }
        // Until first use buffer_size_kb reads "N (expanded: M)"; expand it so snapshots compare.
        Path size = TRACEFS.resolve("buffer_size_kb");
        String shown = Files.readString(size).strip();
        if (shown.contains("(expanded:")) {
            Files.writeString(size, shown.substring(shown.indexOf(": ") + 2, shown.indexOf(')')));
        }
    }

    /** Held for a test class, so that tests of other builds using tracefs wait their turn. */
    static FileLock lockTracefs() throws IOException {
        return FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE).lock();
    }

    /** A pseudo file's text: read in large chunks, as some (tracing_cpumask) refuse small reads. */
    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).strip();
        }
    }

    /** Every tracefs setting a capture may touch, and the loop devices' trace controls. */
    static Map<String, String> settings() throws IOException {
        Map<String, String> settings = new TreeMap<>();
        for (String file : new String[] {"current_tracer", "trace_clock", "tracing_on", "tracing_cpumask",
                "set_event", "buffer_size_kb"}) {
            settings.put(file, read(TRACEFS.resolve(file)));
        }
        try (DirectoryStream<Path> options = Files.newDirectoryStream(TRACEFS.resolve("options"))) {
            for (Path option : options) {
                settings.put("options/" + option.getFileName(), read(option));
            }
        }
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(Path.of("/sys/class/block"), "loop*")) {
            for (Path device : devices) {
                for (String file : new String[] {"enable", "act_mask", "pid", "start_lba", "end_lba"}) {
                    Path control = device.resolve("trace").resolve(file);
                    settings.put(device.getFileName() + "/trace/" + file, read(control));
                }
            }
        }
        return settings;
    }

    /** One direct I/O request of {@code blockSize} bytes at block {@code block}, made by dd. */
    record Request(boolean write, int blockSize, int block) {
        long sector() {
            return (long) blockSize * block / 512;
        }

        int sectors() {
            return blockSize / 512;
        }

        void run(String device) throws IOException, InterruptedException {
            if (write) {
                KernelFixture.run("dd", "if=/dev/zero", "of=" + device, "bs=" + blockSize, "count=1",
                        "seek=" + block, "oflag=direct", "status=none");
            } else {
                KernelFixture.run("dd", "if=" + device, "of=/dev/null", "bs=" + blockSize, "count=1",
                        "skip=" + block, "iflag=direct", "status=none");
            }
        }
    }

    /** Runs a command, returning its stdout and stderr; fails on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hangs");
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + out);
        return out;
    }

    /**
     * The Q and C lines of blkparse output, reduced to "Q W 24 + 8": every request must appear
     * exactly once queued and once completed, and nothing else on the device.
     */
    /**
     * The Q and C lines in time order: pipe-mode blkparse prints each batch as it arrives, so
     * CPUs whose data reached the pipe in separate writes come out one after the other.
     */
    static List<String> queuedAndCompleted(String blkparseOutput) {
        record Event(BigDecimal time, String text) {
        }
        List<Event> events = new ArrayList<>();
        for (String line : blkparseOutput.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            // dev cpu seq time pid action rwbs sector + sectors [process]
            if (fields.length >= 10 && fields[0].contains(",") && (fields[5].equals("Q") || fields[5].equals("C"))) {
                events.add(new Event(new BigDecimal(fields[3]),
                        fields[5] + " " + fields[6].replace("S", "") + " " + fields[7] + " + " + fields[9]));
            }
        }
        events.sort(Comparator.comparing(Event::time));
        return events.stream().map(Event::text).toList();
    }

    static List<String> expectedEvents(List<Request> requests) {
        List<String> events = new ArrayList<>();
        for (Request request : requests) {
            String rwbs = request.write() ? "W" : "R";
            events.add("Q " + rwbs + " " + request.sector() + " + " + request.sectors());
            events.add("C " + rwbs + " " + request.sector() + " + " + request.sectors());
        }
        return events;
    }

    /** Debian's blktrace (only on arguments it rejects before tracing): its stderr; exit 0 expected. */
    static String runReference(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/blktrace"));
        command.addAll(List.of(args));
        return run(command.toArray(new String[0]));
    }

    /** Debian's blktrace as user 65534: its output and stderr together (it fails). */
    static String runReferenceAs65534(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/sbin/blktrace"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    /**
     * This JVM's class path, usable by an unprivileged user: jars (in root's Maven repository,
     * which others cannot read) are copied into a world-readable directory under {@code dir}.
     */
    static String classPathForEveryone(Path dir) throws IOException {
        Path copies = Files.createDirectory(dir.resolve("classpath"));
        Set<PosixFilePermission> readable = PosixFilePermissions.fromString("rwxr-xr-x");
        Files.setPosixFilePermissions(dir, readable);
        Files.setPosixFilePermissions(copies, readable);
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                Path copy = copies.resolve(entries.size() + "-" + path.getFileName());
                Files.copy(path, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Whether the capture of a device records events: through ftrace once the blk tracer is on,
     * through relay once the device's relay file can be read (then START follows at once).
     */
    static boolean isTracing(String deviceName) throws IOException {
        if (!read(Path.of("/sys/class/block", deviceName, "trace/enable")).equals("1")) {
            return false;
        }
        if (read(TRACEFS.resolve("current_tracer")).equals("blk")) {
            return read(TRACEFS.resolve("tracing_on")).equals("1");
        }
        try {
            // Opened without reading, which would take records from the capture.
            FileChannel.open(Path.of("/sys/kernel/debug/block", deviceName, "trace0")).close();
            Thread.sleep(200);
            return true;
        } catch (IOException lockedDownOrGone) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until {@code process} traces the loop device; fails with its stderr if it stops first. */
    static void awaitTracing(LoopDevice loop, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!isTracing(loop.name)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroy();
                fail("tracing did not start: " + new String(process.getErrorStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }

    /** The file holds version 7 records back to back, the last one complete. */
    static void assertWholeRecords(Path file) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
        int at = 0;
        while (at < data.limit()) {
            assertEquals(0x65617407, data.getInt(at), file + " at " + at);
            at += 48 + (data.getShort(at + 46) & 0xFFFF);
        }
        assertEquals(data.limit(), at, file + " ends inside a record");
    }
}
