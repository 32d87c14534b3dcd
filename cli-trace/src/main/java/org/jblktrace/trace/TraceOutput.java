package org.jblktrace.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;

/**
 * Where captured records go (files, stdout or a server), with blktrace's per device and CPU
 * figures: bytes always, records only where blktrace counts them exactly (piped mode). A failed
 * write is kept as {@link #failure()}, asks the run to stop, and later records are dropped: the
 * capture itself goes on until it is stopped and torn down properly.
 */
abstract class TraceOutput implements TraceSink, AutoCloseable {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

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

    @Override
    public final void write(String deviceName, int cpu, ByteBuffer data) throws IOException {
        if (failure != null) {
            data.position(data.limit());
            return;
        }
        int device = deviceNames.indexOf(deviceName);
        int start = data.position();
        int length = data.remaining();
        int count = countsRecords() ? countRecords(data) : 0;
        try {
            store(device, cpu, data);
        } catch (IOException e) {
            failure = describeFailure(device, cpu, e);
            stop.request();
            data.position(data.limit());
            return;
        }
        bytes[device][cpu] += length;
        records[device][cpu] += count;
        data.position(start + length);
    }

    /**
     * Whether the capture must deliver whole records, each write starting and ending at a record
     * boundary. Outputs that only store the stream (files) do without, which spares the capture
     * from looking at the records at all.
     */
    boolean wholeRecords() {
        return true;
    }

    /** Whether {@link #records} are counted: the summary needs them exactly in piped mode only. */
    boolean countsRecords() {
        return false;
    }

    /** Writes all of {@code data}; on failure leaves the destination holding whole records only. */
    abstract void store(int device, int cpu, ByteBuffer data) throws IOException;

    /** The line to print for a failed write, or "" for a silent stop (a reader that went away). */
    abstract String describeFailure(int device, int cpu, IOException e);

    /** Whole records in native byte order, version 7 or 8, as the capture delivers them. */
    private static int countRecords(ByteBuffer data) {
        int count = 0;
        for (int at = data.position(); at < data.limit(); count++) {
            int version = data.get(LITTLE_ENDIAN ? at : at + 3);
            int pduLengthOffset = version == Blk.VERSION_8 ? 50 : 46;
            int first = data.get(at + pduLengthOffset) & 0xFF;
            int second = data.get(at + pduLengthOffset + 1) & 0xFF;
            int pduLength = LITTLE_ENDIAN ? first | second << 8 : second | first << 8;
            int headerSize = RecordCodec.headerSize(version);
            if (headerSize < 0) {
                // Unknown version: stop counting rather than loop (captures hand over whole records).
                break;
            }
            at += headerSize + pduLength;
        }
        return count;
    }

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

    /** Records written for a device and CPU; 0 unless {@link #countsRecords}. */
    long records(int device, int cpu) {
        return records[device][cpu];
    }
}
