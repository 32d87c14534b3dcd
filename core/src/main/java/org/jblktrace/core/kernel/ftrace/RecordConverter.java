package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordLayout;

/**
 * Turns the blk tracer's ring-buffer entries of one CPU into the records blktrace's relay path
 * writes for that CPU: one stream per traced device, in the record version asked for, events
 * numbered from 1 per device, a TIMESTAMP note first, a PROCESS note before each task's first
 * event, cgroup ids removed.
 *
 * <p>An entry is the kernel's {@code blk_io_trace} (up to Linux 6.18) or {@code blk_io_trace2}
 * (6.19 on) with ftrace's entry header ({@code type}, {@code flags}, {@code preempt_count},
 * {@code pid}) written over its magic and sequence, and no time (the ring buffer keeps it). Other
 * tracers' entries ({@code trace_marker} writes) share the buffer: the blk entries' type is
 * learned from the first entry that is a whole header of a traced device, and entries of other
 * types are passed over. A version 7 stream made from version 8 entries leaves out what the
 * kernel leaves out of version 7 traces: zone operations, zone write plugging and write-zeroes
 * requests.
 *
 * <p>Not thread-safe; the owner serialises calls. Allocation-free per record.
 */
final class RecordConverter {
    /** The largest record: a version 8 header plus the largest 16-bit payload. */
    static final int MAX_RECORD = RecordLayout.MAX_RECORD;
    private static final int NOTE_ROOM = Blk.HEADER_V8 + Blk.COMM_LEN;
    private static final int CGROUP_ID_LEN = 8;
    private static final int TIMESTAMP_PDU_LEN = 8;
    private static final int TYPE_UNKNOWN = -1;

    private final int cpu;
    private final RecordLayout entries;
    private final RecordLayout output;
    private final int[] deviceNumbers;
    private final String[] deviceNames;
    private final TaskNameSource taskNames;
    private final TraceSink sink;
    private final int flushBytes;
    private final ByteBuffer[] outputs;
    /** Records in each output buffer, handed to the sink with them. */
    private final int[] buffered;
    private final int[] sequences;
    private final BitSet[] announcedPids;
    private final long[] events;
    private final long[] bytesWritten;
    /** The ftrace entry type of blk entries, once learned. */
    private int blkType = TYPE_UNKNOWN;
    /** Entries that were no blk entry of a traced device; before the type is known, all such. */
    private long unrecognised;
    private String firstUnrecognised;
    private long leftOut;

    /**
     * @param entries the layout of the kernel's blk entries ({@code V8} from Linux 6.19 on)
     * @param output  the layout of the records made
     */
    RecordConverter(int cpu, RecordLayout entries, RecordLayout output, int[] deviceNumbers, String[] deviceNames,
                    TaskNameSource taskNames, TraceSink sink, int flushBytes) {
        this.cpu = cpu;
        this.entries = entries;
        this.output = output;
        this.deviceNumbers = deviceNumbers.clone();
        this.deviceNames = deviceNames.clone();
        this.taskNames = taskNames;
        this.sink = sink;
        this.flushBytes = flushBytes;
        int devices = deviceNumbers.length;
        outputs = new ByteBuffer[devices];
        buffered = new int[devices];
        sequences = new int[devices];
        announcedPids = new BitSet[devices];
        events = new long[devices];
        bytesWritten = new long[devices];
        for (int i = 0; i < devices; i++) {
            outputs[i] = ByteBuffer.allocateDirect(flushBytes + MAX_RECORD + NOTE_ROOM).order(ByteOrder.nativeOrder());
            announcedPids[i] = new BitSet();
        }
    }

    /**
     * Puts a TIMESTAMP note (monotonic time of the start, wall clock payload) at the head of
     * every device stream of this CPU, as the kernel's relay path does when a trace starts.
     */
    void announceStart(long monoNs, long wallSeconds, int wallNanos) {
        for (int i = 0; i < outputs.length; i++) {
            ByteBuffer out = outputs[i];
            putNote(out, monoNs, Blk.notifyAction(Blk.TN_TIMESTAMP), 0, deviceNumbers[i], TIMESTAMP_PDU_LEN);
            out.putInt((int) wallSeconds);
            out.putInt(wallNanos);
            buffered[i]++;
        }
    }

    /**
     * Takes one ring-buffer entry, {@code in[at, at + length)} in native order, recorded at
     * {@code time}.
     */
    void entry(ByteBuffer in, int at, int length, long time) throws IOException {
        int type = in.getShort(at) & 0xFFFF;
        if (blkType != TYPE_UNKNOWN && type != blkType) {
            return;
        }
        int pduLen = length >= entries.headerSize ? entries.pduLen(in, at) : -1;
        int index = pduLen >= 0 ? deviceIndex(entries.device(in, at)) : -1;
        // The ring buffer rounds an entry up to 4 bytes (8 on some architectures).
        if (index < 0 || entries.headerSize + pduLen > length || entries.headerSize + pduLen + 8 <= length) {
            if (unrecognised++ == 0) {
                firstUnrecognised = "type " + type + ", " + length + " bytes"
                    + (pduLen >= 0 ? ", device " + Blk.major(entries.device(in, at)) + ","
                        + Blk.minor(entries.device(in, at)) + ", pdu_len " + pduLen : "");
            }
            return;
        }
        if (blkType == TYPE_UNKNOWN) {
            blkType = type;
            unrecognised = 0;
            firstUnrecognised = null;
        }
        convert(in, at, time, index, pduLen);
    }

    private void convert(ByteBuffer in, int at, long time, int index, int pduLen) throws IOException {
        long action = entries.action(in, at);
        int pduSkip = 0;
        if ((action & Blk.TA_CGROUP) != 0) {
            // blkparse does not know cgroup ids; drop the id that precedes the payload.
            action &= ~(long) Blk.TA_CGROUP;
            pduSkip = Math.min(CGROUP_ID_LEN, pduLen);
        }
        if (output == RecordLayout.V7 && !fitsVersion7(action)) {
            leftOut++;
            return;
        }
        ByteBuffer out = outputs[index];
        int pid = entries.pid(in, at);
        int sequence = 0;
        if ((Blk.categories(action) & Blk.TC_NOTIFY) == 0) {
            if (pid >= 0 && !announcedPids[index].get(pid)) {
                announcedPids[index].set(pid);
                writeProcessNote(index, time, pid);
            }
            sequence = ++sequences[index];
            events[index]++;
        }
        int record = out.position();
        int payload = pduLen - pduSkip;
        output.putHeader(out, record, sequence, time, in.getLong(at + RecordLayout.SECTOR_OFFSET),
            in.getInt(at + RecordLayout.BYTES_OFFSET), action, pid, deviceNumbers[index], entries.cpu(in, at),
            entries.error(in, at), payload);
        out.put(record + output.headerSize, in, at + entries.headerSize + pduSkip, payload);
        out.position(record + output.headerSize + payload);
        buffered[index]++;
        if (out.position() >= flushBytes) {
            flush(index);
        }
    }

    /**
     * Whether a version 7 record can carry the action: no category beyond the first sixteen
     * (zone operations, write-zeroes) and no zone write plugging, which the kernel records for
     * version 8 traces only.
     */
    static boolean fitsVersion7(long action) {
        int code = Blk.code(action) & ~Blk.TA_CGROUP;
        return (Blk.categories(action) & ~Blk.TC_ALL_V7) == 0 && code != Blk.TA_ZONE_PLUG
            && code != Blk.TA_ZONE_UNPLUG;
    }

    private void writeProcessNote(int index, long time, int pid) {
        ByteBuffer out = outputs[index];
        byte[] comm = taskNames.comm(pid, cpu);
        putNote(out, time, Blk.notifyAction(Blk.TN_PROCESS), pid, deviceNumbers[index], Blk.COMM_LEN);
        out.put(comm, 0, Blk.COMM_LEN);
        buffered[index]++;
    }

    /** A note's header at the buffer's position, which it passes: no sequence, sector, size or error. */
    private void putNote(ByteBuffer out, long time, long action, int pid, int device, int pduLen) {
        int at = out.position();
        output.putHeader(out, at, 0, time, 0, 0, action, pid, device, cpu, 0, pduLen);
        out.position(at + output.headerSize);
    }

    private int deviceIndex(int device) {
        for (int i = 0; i < deviceNumbers.length; i++) {
            if (deviceNumbers[i] == device) {
                return i;
            }
        }
        return -1;
    }

    /** Hands every buffered record to the sink. */
    void flushAll() throws IOException {
        for (int i = 0; i < outputs.length; i++) {
            flush(i);
        }
    }

    /** Flushes everything at the end of the capture. */
    void finish() throws IOException {
        flushAll();
    }

    private void flush(int index) throws IOException {
        ByteBuffer out = outputs[index];
        if (out.position() == 0) {
            return;
        }
        out.flip();
        int length = out.remaining();
        try {
            sink.write(deviceNames[index], cpu, out, buffered[index]);
        } finally {
            out.clear();
            buffered[index] = 0;
        }
        bytesWritten[index] += length;
    }

    /**
     * The entries that were no blk entry of a traced device, as a phrase, or null: other
     * devices' traces diverted into the buffer, or entries of a layout misread.
     */
    String recordProblem() {
        if (unrecognised == 0) {
            return null;
        }
        String what = blkType == TYPE_UNKNOWN ? " ring-buffer entries, none of them a blk entry of a traced device"
            : " blk entries of no traced device or of another layout";
        return unrecognised + what + " (the first: " + firstUnrecognised + ")";
    }

    /** Events left out because version 7 records cannot carry them. */
    long leftOut() {
        return leftOut;
    }

    /** Events (not notes) converted for the device at {@code index}. */
    long events(int index) {
        return events[index];
    }

    /** Bytes handed to the sink for the device at {@code index}. */
    long bytesWritten(int index) {
        return bytesWritten[index];
    }
}
