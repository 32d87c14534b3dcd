package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.RecordLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader against named pipes, which behave like relay files where it matters: non-blocking
 * reads return EAGAIN when empty and poll() reports data. Small read sizes force records to be
 * cut by reads.
 */
class CpuReaderTest {
    @TempDir
    Path dir;

    /**
     * Collects each device's bytes and record counts, and checks that every write holds whole
     * records only, with their right count.
     */
    private static final class CheckingSink implements TraceSink {
        final Map<String, ByteArrayOutputStream> received = new ConcurrentHashMap<>();
        final Map<String, Long> records = new ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        private final RecordFramer framer = new RecordFramer(RecordLayout.V7);

        @Override
        public void write(String deviceName, int cpu, ByteBuffer records) {
            problems.add(deviceName + " got a write without its record count");
        }

        @Override
        public void write(String deviceName, int cpu, ByteBuffer data, int recordCount) {
            int length = data.remaining();
            byte[] copy = new byte[length];
            data.get(copy);
            ByteBuffer check = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
            if (length == 0 || framer.wholeRecords(check, length) != length) {
                problems.add(deviceName + " got a write of " + length + " bytes that is not whole records");
            } else if (framer.lastRecordCount() != recordCount) {
                problems.add(deviceName + " got " + framer.lastRecordCount() + " records counted as " + recordCount);
            }
            received.computeIfAbsent(deviceName, k -> new ByteArrayOutputStream()).writeBytes(copy);
            records.merge(deviceName, (long) recordCount, Long::sum);
        }

        byte[] bytes(String device) {
            ByteArrayOutputStream out = received.get(device);
            return out == null ? new byte[0] : out.toByteArray();
        }
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path path = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        return path;
    }

    private static void writeInRandomChunks(FileOutputStream out, byte[] data, Random random) throws IOException {
        int offset = 0;
        while (offset < data.length) {
            int chunk = Math.min(data.length - offset, 1 + random.nextInt(700));
            out.write(data, offset, chunk);
            offset += chunk;
        }
    }

    @Test
    void recordsCutByReadsReachTheSinkWholeAndStopDrainsEverything() throws Exception {
        Path fifoA = fifo("sda-trace0");
        Path fifoB = fifo("sdb-trace0");
        RelayStream a = RelayStream.open("sda", 0, fifoA.toString(), 100, true, RecordLayout.V7);
        RelayStream b = RelayStream.open("sdb", 0, fifoB.toString(), 333, true, RecordLayout.V7);
        byte[] traceA = SyntheticTrace.records(3000, 0, ByteOrder.nativeOrder(), true);
        byte[] traceB = SyntheticTrace.records(1000, 0, ByteOrder.nativeOrder(), false);
        CheckingSink sink = new CheckingSink();
        List<String> diagnostics = new ArrayList<>();
        StopSignal stop = StopSignal.open(1);
        CpuReader reader = new CpuReader(0, List.of(a, b), stop, sink, 20, diagnostics::add);
        Thread thread = new Thread(reader);
        thread.start();
        Random random = new Random(7);
        try (FileOutputStream outA = new FileOutputStream(fifoA.toFile());
                FileOutputStream outB = new FileOutputStream(fifoB.toFile())) {
            writeInRandomChunks(outA, Arrays.copyOf(traceA, traceA.length / 2), random);
            writeInRandomChunks(outB, traceB, random);
            writeInRandomChunks(outA, Arrays.copyOfRange(traceA, traceA.length / 2, traceA.length), random);
            // Data still in the pipe when the stop comes must be drained, not lost.
            reader.requestStop();
            stop.raise();
            stop.awaitParked();
            stop.release();
            thread.join(10_000);
        } finally {
            a.close();
            b.close();
            stop.close();
        }
        assertFalse(thread.isAlive());
        assertEquals(List.of(), sink.problems);
        assertEquals(List.of(), diagnostics);
        assertArrayEquals(traceA, sink.bytes("sda"));
        assertArrayEquals(traceB, sink.bytes("sdb"));
        assertEquals(3000, sink.records.get("sda"));
        assertEquals(traceA.length, a.bytesRead());
        assertEquals(1000, sink.records.get("sdb"));
    }

    @Test
    void trailingPartialRecordIsHeldBackAndCountedAsRead() throws Exception {
        Path path = fifo("trace1");
        RelayStream stream = RelayStream.open("vda", 1, path.toString(), 4096, true, RecordLayout.V7);
        byte[] trace = SyntheticTrace.records(10, 1, ByteOrder.nativeOrder(), false);
        int lastStart = lastRecordStart(trace);
        int cut = trace.length - 20;
        CheckingSink sink = new CheckingSink();
        StopSignal stop = StopSignal.open(1);
        CpuReader reader = new CpuReader(1, List.of(stream), stop, sink, 20, line -> { });
        Thread thread = new Thread(reader);
        thread.start();
        try (FileOutputStream out = new FileOutputStream(path.toFile())) {
            out.write(trace, 0, cut);
            reader.requestStop();
            stop.raise();
            stop.awaitParked();
            stop.release();
            thread.join(10_000);
        } finally {
            stream.close();
            stop.close();
        }
        assertFalse(thread.isAlive());
        assertArrayEquals(Arrays.copyOf(trace, lastStart), sink.bytes("vda"));
        assertEquals(9, sink.records.get("vda"));
        assertEquals(cut, stream.bytesRead());
        assertTrue(sink.problems.isEmpty());
    }

    /** Offset where the last record of a version 7 stream starts. */
    private static int lastRecordStart(byte[] trace) {
        ByteBuffer buf = ByteBuffer.wrap(trace).order(ByteOrder.nativeOrder());
        int start = 0;
        while (start + 48 + (buf.getShort(start + 46) & 0xFFFF) < trace.length) {
            start += 48 + (buf.getShort(start + 46) & 0xFFFF);
        }
        return start;
    }

    @Test
    void sinkFailureEndsTheReaderAndIsReported() throws Exception {
        Path path = fifo("trace0");
        RelayStream stream = RelayStream.open("vdb", 0, path.toString(), 4096, true, RecordLayout.V7);
        IOException disk = new IOException("disk full");
        StopSignal stop = StopSignal.open(1);
        CpuReader reader = new CpuReader(0, List.of(stream), stop, (device, cpu, records) -> {
            throw disk;
        }, 20, line -> { });
        Thread thread = new Thread(reader);
        thread.start();
        try (FileOutputStream out = new FileOutputStream(path.toFile())) {
            out.write(SyntheticTrace.records(3, 0, ByteOrder.nativeOrder(), false));
            thread.join(10_000);
        } finally {
            stream.close();
            stop.close();
        }
        assertFalse(thread.isAlive());
        assertEquals(disk, reader.failure());
    }
}
