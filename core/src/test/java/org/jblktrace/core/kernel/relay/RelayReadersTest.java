package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.RecordLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-CPU readers over named pipes standing in for relay files (see CpuReaderTest). */
class RelayReadersTest {
    @TempDir
    Path dir;

    /** Each (device, CPU) stream's bytes, and the threads that delivered them. */
    private static final class Collecting implements TraceSink {
        final Map<String, ByteArrayOutputStream> received = new ConcurrentHashMap<>();
        final Map<String, String> threads = new ConcurrentHashMap<>();
        final List<Integer> writeLengths = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger countedWrites = new AtomicInteger();

        @Override
        public void write(String deviceName, int cpu, ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            writeLengths.add(copy.length);
            received.computeIfAbsent(deviceName + "/" + cpu, k -> new ByteArrayOutputStream()).writeBytes(copy);
            threads.merge("cpu" + cpu, Thread.currentThread().getName(), (a, b) -> a.equals(b) ? a : a + "," + b);
        }

        @Override
        public void write(String deviceName, int cpu, ByteBuffer records, int recordCount) {
            countedWrites.incrementAndGet();
            write(deviceName, cpu, records);
        }

        byte[] bytes(String device, int cpu) {
            ByteArrayOutputStream out = received.get(device + "/" + cpu);
            return out == null ? new byte[0] : out.toByteArray();
        }
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path path = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        return path;
    }

    @Test
    void everyStreamArrivesAsReadThroughOneThreadPerCpuAndStopDrainsIt() throws Exception {
        List<RelayReaders.RelayFile> files = new ArrayList<>();
        List<byte[]> traces = new ArrayList<>();
        for (int cpu = 0; cpu < 2; cpu++) {
            for (String device : List.of("sda", "sdb")) {
                files.add(new RelayReaders.RelayFile(device, cpu, fifo(device + "-trace" + cpu)));
                traces.add(SyntheticTrace.records(500 + 100 * files.size(), cpu, ByteOrder.nativeOrder(), true));
            }
        }
        Collecting sink = new Collecting();
        List<String> diagnostics = new ArrayList<>();
        // 1000-byte reads cut records: without whole records they reach the sink cut.
        RelayReaders readers = RelayReaders.start(files, sink, new RelayReaders.Options(1000, 0, false, RecordLayout.V7),
                diagnostics::add);
        List<FileOutputStream> writers = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                FileOutputStream out = new FileOutputStream(files.get(i).path().toFile());
                writers.add(out);
                out.write(traces.get(i));
            }
            assertNull(readers.stop());
        } finally {
            for (FileOutputStream out : writers) {
                out.close();
            }
        }
        assertEquals(List.of(), diagnostics);
        for (int i = 0; i < files.size(); i++) {
            RelayReaders.RelayFile file = files.get(i);
            assertArrayEquals(traces.get(i), sink.bytes(file.deviceName(), file.cpu()), file.toString());
            assertEquals(traces.get(i).length, readers.bytesRead(file.deviceName(), file.cpu()));
        }
        assertEquals(0, sink.countedWrites.get(), "unframed reads come without a record count");
        assertEquals("blktrace-cpu0", sink.threads.get("cpu0"));
        assertEquals("blktrace-cpu1", sink.threads.get("cpu1"));
        assertTrue(sink.writeLengths.stream().allMatch(length -> length <= 1000), sink.writeLengths.toString());
        assertEquals(0, readers.bytesRead("sdc", 0));
    }

    @Test
    void stopWakesAReaderThatWaitsForFullSubBuffersAtOnce() throws Exception {
        Path path = fifo("trace0");
        RelayReaders readers = RelayReaders.start(List.of(new RelayReaders.RelayFile("vda", 0, path)),
                (device, cpu, data) -> { }, new RelayReaders.Options(4096, 0, false, RecordLayout.V7), line -> { });
        Thread.sleep(100);
        // stop() joins the readers uninterruptibly: a daemon thread keeps a regression from hanging the build.
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread stopper = new Thread(() -> failure.set(readers.stop()));
        stopper.setDaemon(true);
        long started = System.nanoTime();
        stopper.start();
        stopper.join(5_000);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertFalse(stopper.isAlive(), "stop() had not returned after 5 s");
        assertNull(failure.get());
        // Nothing arrives: the stop signal wakes the reader at once, where a reader that only
        // looks when its poll() times out (blktrace: every 500 ms) would still be asleep.
        assertTrue(millis < 300, millis + " ms");
    }

    @Test
    void theKernelStopRunsWhileNoReaderReadsAndWhatItFlushedIsDrainedAfter() throws Exception {
        Path path = fifo("trace0");
        byte[] flushed = SyntheticTrace.records(200, 0, ByteOrder.nativeOrder(), false);
        AtomicInteger readsDuringStop = new AtomicInteger();
        AtomicBoolean stopping = new AtomicBoolean();
        Collecting collecting = new Collecting();
        TraceSink sink = (device, cpu, data) -> {
            if (stopping.get()) {
                readsDuringStop.incrementAndGet();
            }
            collecting.write(device, cpu, data);
        };
        // Live mode: the reader would otherwise read every 20 ms, and at once on data.
        RelayReaders readers = RelayReaders.start(List.of(new RelayReaders.RelayFile("vda", 0, path)), sink,
                new RelayReaders.Options(4096, 20, false, RecordLayout.V7), line -> { });
        try (FileOutputStream out = new FileOutputStream(path.toFile())) {
            assertNull(readers.stop(() -> {
                stopping.set(true);
                try {
                    // Like relay_flush, the stop makes data readable while it is still at work.
                    out.write(flushed);
                    out.flush();
                    Thread.sleep(300);
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                } finally {
                    stopping.set(false);
                }
            }));
        }
        assertEquals(0, readsDuringStop.get());
        assertArrayEquals(flushed, collecting.bytes("vda", 0));
    }

    @Test
    void aSecondStopWritesToNoDescriptor() throws Exception {
        Path path = fifo("trace0");
        RelayReaders readers = RelayReaders.start(List.of(new RelayReaders.RelayFile("vda", 0, path)),
                (device, cpu, data) -> { }, new RelayReaders.Options(4096, 0, false, RecordLayout.V7), line -> { });
        assertNull(readers.stop());
        // The numbers of the closed descriptors (the relay file's, the stop signal's) go to the
        // next files opened; a second stop must not write to whichever of them got the signal's.
        List<FileOutputStream> others = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                others.add(new FileOutputStream(dir.resolve("other" + i).toFile()));
            }
            assertNull(readers.stop());
        } finally {
            for (FileOutputStream other : others) {
                other.close();
            }
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(0, Files.size(dir.resolve("other" + i)));
        }
    }

    @Test
    void aFileThatCannotBeOpenedStartsNothing() throws Exception {
        Path present = fifo("trace0");
        Path missing = dir.resolve("trace1");
        RelayException e = assertThrows(RelayException.class, () -> RelayReaders.start(
                List.of(new RelayReaders.RelayFile("vda", 0, present), new RelayReaders.RelayFile("vda", 1, missing)),
                (device, cpu, data) -> { }, new RelayReaders.Options(4096, 0, true, RecordLayout.V7), line -> { }));
        assertEquals(RelayException.Reason.NOT_FOUND, e.reason());
        assertEquals("Thread 1 failed open " + missing + ": 2/No such file or directory", e.getMessage());
        assertTrue(Files.exists(present));
    }
}
