package org.jblktrace.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.TraceSink;

/**
 * Where captured records go (files, stdout or a server), with blktrace's per device and CPU
 * figures: bytes, and records as the capture counted them (piped mode's summary uses them). A
 * failed write is kept as {@link #failure()}, asks the run to stop, and later records are
 * dropped: the capture itself goes on until it is stopped and torn down properly.
 */
abstract class TraceOutput implements TraceSink, AutoCloseable {
    private final StopRequest stop;
    private final List<String> startFailures = new ArrayList<>();
    private List<String> deviceNames = List.of();
    private long[][] bytes = new long[0][];
    private long[][] records = new long[0][];
    private volatile String failure;

    TraceOutput(StopRequest stop) {
        this.stop = stop;
    }

    @Override
    public void open(List<String> names, int cpuCount) throws IOException {
        deviceNames = List.copyOf(names);
        bytes = new long[names.size()][cpuCount];
        records = new long[names.size()][cpuCount];
    }

    /** Unframed reads (file mode): bytes only. */
    @Override
    public final void write(String deviceName, int cpu, ByteBuffer data) throws IOException {
        take(deviceName, cpu, data, 0);
    }

    /** Whole records with the count the capture took while framing them, for piped mode's summary. */
    @Override
    public final void write(String deviceName, int cpu, ByteBuffer records, int recordCount) throws IOException {
        take(deviceName, cpu, records, recordCount);
    }

    private void take(String deviceName, int cpu, ByteBuffer data, int recordCount) throws IOException {
        if (failure != null) {
            data.position(data.limit());
            return;
        }
        int device = deviceNames.indexOf(deviceName);
        int start = data.position();
        int length = data.remaining();
        try {
            store(device, cpu, data);
        } catch (IOException e) {
            fail(device, cpu, e);
            data.position(data.limit());
            return;
        }
        bytes[device][cpu] += length;
        records[device][cpu] += recordCount;
        data.position(start + length);
    }

    /**
     * Keeps the first write failure and asks the run to stop; also for writes made outside a
     * sink call ({@code device} and {@code cpu} -1 then).
     */
    final synchronized void fail(int device, int cpu, IOException e) {
        if (failure == null) {
            failure = describeFailure(device, cpu, e);
            stop.request();
        }
    }

    /** Writes all of {@code data}; on failure leaves the destination holding whole records only. */
    abstract void store(int device, int cpu, ByteBuffer data) throws IOException;

    /**
     * The line to print for a failed write (device and CPU -1 when it held several), or "" for
     * a silent stop (a reader that went away).
     */
    abstract String describeFailure(int device, int cpu, IOException e);

    /** After the capture stopped: ends the output's conversation (network), given the drops per device. */
    void finish(long[] drops) throws IOException {
    }

    @Override
    public void close() throws IOException {
    }

    /** Remembers the lines to print when the output cannot be opened, for {@link #startFailures}. */
    final IOException failedToStart(List<String> lines) {
        startFailures.addAll(lines);
        return new IOException(lines.get(0));
    }

    /** What to print when the output could not be opened (no summary follows); empty if it could. */
    List<String> startFailures() {
        return startFailures;
    }

    /** The exit status after a failed open: blktrace exits 0 when its tracer threads cannot start. */
    int startFailureStatus() {
        return 0;
    }

    /** The first write failure, as a line for the user ("" for a silent one), or null. */
    String failure() {
        return failure;
    }

    List<String> deviceNames() {
        return deviceNames;
    }

    int cpuCount() {
        return bytes.length == 0 ? 0 : bytes[0].length;
    }

    long bytes(int device, int cpu) {
        return bytes[device][cpu];
    }

    /** Whole records written for a device and CPU, as the capture counted them; 0 for unframed data. */
    long records(int device, int cpu) {
        return records[device][cpu];
    }
}
