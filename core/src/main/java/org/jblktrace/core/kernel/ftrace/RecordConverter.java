package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordLayout;

/**
 * Turns the binary output of one CPU's ftrace pipe into the records blktrace's relay path
 * writes for that CPU: one stream per traced device, events numbered from 1 per device,
 * a PROCESS note before each task's first event, a TIMESTAMP note first, cgroup ids removed.
 *
 * <p>Not thread-safe; the owner serialises calls. Allocation-free per record.
 */
final class RecordConverter {
    /** The largest record: a version 8 header plus the largest 16-bit payload. */
    static final int MAX_RECORD = RecordLayout.MAX_RECORD;
    private static final int NOTE_ROOM = Blk.HEADER_V8 + Blk.COMM_LEN;
    private static final int CGROUP_ID_LEN = 8;
    private static final int TIMESTAMP_PDU_LEN = 8;

    private final int cpu;
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
    /** Records naming no traced device: other traces diverted here, or a layout misread. */
    private long foreignRecords;
    private int firstForeignDevice;
    private boolean timestampPending;
    private long timestampMonoNs;
    private long timestampWallSeconds;
    private int timestampWallNanos;

    RecordConverter(int cpu, int[] deviceNumbers, String[] deviceNames, TaskNameSource taskNames, TraceSink sink,
                    int flushBytes) {
        this.cpu = cpu;
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
     * every device stream of this CPU. It is written with the first record so that it takes
     * that record's format version (version 7 if no record ever comes).
     */
    void announceStart(long monoNs, long wallSeconds, int wallNanos) {
        timestampPending = true;
        timestampMonoNs = monoNs;
        timestampWallSeconds = wallSeconds;
        timestampWallNanos = wallNanos;
    }

    /**
     * Consumes the whole records between position and limit of {@code in} (native byte order);
     * an incomplete record at the end is left in place (position stops at its start).
     */
    void consume(ByteBuffer in) throws IOException {
        while (in.remaining() >= 4) {
            int start = in.position();
            RecordLayout layout = RecordLayout.ofMagic(in.getInt(start));
            if (layout == null) {
                // Not a record start (e.g. a "[LOST EVENTS]" text line): resynchronise byte by byte.
                in.position(start + 1);
                continue;
            }
            if (in.remaining() < layout.headerSize) {
                return;
            }
            int pduLen = layout.pduLen(in, start);
            if (in.remaining() < layout.headerSize + pduLen) {
                return;
            }
            convert(in, start, layout, pduLen);
            in.position(start + layout.headerSize + pduLen);
        }
    }

    private void convert(ByteBuffer in, int start, RecordLayout layout, int pduLen) throws IOException {
        int headerSize = layout.headerSize;
        int device = layout.device(in, start);
        int index = deviceIndex(device);
        if (index < 0) {
            if (foreignRecords++ == 0) {
                firstForeignDevice = device;
            }
            return;
        }
        long action = layout.action(in, start);
        int pduSkip = 0;
        if ((action & Blk.TA_CGROUP) != 0) {
            // blkparse does not know cgroup ids; drop the id that precedes the payload.
            action &= ~(long) Blk.TA_CGROUP;
            pduSkip = Math.min(CGROUP_ID_LEN, pduLen);
        }
        ByteBuffer out = outputs[index];
        if (timestampPending) {
            writeTimestampNotes(layout);
        }
        boolean notify = (Blk.categories(action) & Blk.TC_NOTIFY) != 0;
        int sequence = in.getInt(start + 4);
        if (!notify) {
            int pid = layout.pid(in, start);
            if (pid >= 0 && !announcedPids[index].get(pid)) {
                announcedPids[index].set(pid);
                writeProcessNote(index, layout, in.getLong(start + RecordLayout.TIME_OFFSET), pid, device);
            }
            sequence = ++sequences[index];
            events[index]++;
        }
        int at = out.position();
        out.put(at, in, start, headerSize);
        out.put(at + headerSize, in, start + headerSize + pduSkip, pduLen - pduSkip);
        out.putInt(at + RecordLayout.SEQUENCE_OFFSET, sequence);
        if (pduSkip > 0) {
            layout.putAction(out, at, action);
            layout.putPduLen(out, at, pduLen - pduSkip);
        }
        out.position(at + headerSize + pduLen - pduSkip);
        buffered[index]++;
        if (out.position() >= flushBytes) {
            flush(index);
        }
    }

    private void writeTimestampNotes(RecordLayout layout) {
        timestampPending = false;
        for (int i = 0; i < outputs.length; i++) {
            ByteBuffer out = outputs[i];
            putNote(out, layout, timestampMonoNs, Blk.notifyAction(Blk.TN_TIMESTAMP), 0, deviceNumbers[i],
                TIMESTAMP_PDU_LEN);
            out.putInt((int) timestampWallSeconds);
            out.putInt(timestampWallNanos);
            buffered[i]++;
        }
    }

    private void writeProcessNote(int index, RecordLayout layout, long time, int pid, int device) {
        ByteBuffer out = outputs[index];
        byte[] comm = taskNames.comm(pid, cpu);
        putNote(out, layout, time, Blk.notifyAction(Blk.TN_PROCESS), pid, device, Blk.COMM_LEN);
        out.put(comm, 0, Blk.COMM_LEN);
        buffered[index]++;
    }

    /** A note's header at the buffer's position, which it passes: no sequence, sector, size or error. */
    private void putNote(ByteBuffer out, RecordLayout layout, long time, long action, int pid, int device,
            int pduLen) {
        int at = out.position();
        layout.putHeader(out, at, 0, time, 0, 0, action, pid, device, cpu, 0, pduLen);
        out.position(at + layout.headerSize);
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

    /** Flushes everything at the end of the capture, including a still pending TIMESTAMP note. */
    void finish() throws IOException {
        if (timestampPending) {
            writeTimestampNotes(RecordLayout.V7);
        }
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

    /** The records of no traced device, as a phrase, or null when there were none. */
    String recordProblem() {
        if (foreignRecords == 0) {
            return null;
        }
        return foreignRecords + " records of no traced device (the first names device " + Blk.major(firstForeignDevice)
            + "," + Blk.minor(firstForeignDevice) + ")";
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
