package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;

/**
 * Turns the binary output of one CPU's ftrace pipe into the records blktrace's relay path
 * writes for that CPU: one stream per traced device, events numbered from 1 per device,
 * a PROCESS note before each task's first event, a TIMESTAMP note first, cgroup ids removed.
 *
 * <p>Not thread-safe; the owner serialises calls. Allocation-free per record.
 */
final class RecordConverter {
    /** The largest record: a version 8 header plus the largest 16-bit payload. */
    static final int MAX_RECORD = Blk.HEADER_V8 + 0xFFFF;
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
            int magic = in.getInt(start);
            int version = magic & 0xFF;
            int headerSize = RecordCodec.hasMagic(magic) ? RecordCodec.headerSize(version) : -1;
            if (headerSize < 0) {
                // Not a record start (e.g. a "[LOST EVENTS]" text line): resynchronise byte by byte.
                in.position(start + 1);
                continue;
            }
            if (in.remaining() < headerSize) {
                return;
            }
            int pduLen = in.getShort(start + pduLenOffset(version)) & 0xFFFF;
            if (in.remaining() < headerSize + pduLen) {
                return;
            }
            convert(in, start, version, headerSize, pduLen);
            in.position(start + headerSize + pduLen);
        }
    }

    private void convert(ByteBuffer in, int start, int version, int headerSize, int pduLen) throws IOException {
        boolean v8 = version == Blk.VERSION_8;
        int device = in.getInt(start + (v8 ? 40 : 36));
        int index = deviceIndex(device);
        if (index < 0) {
            return;
        }
        long action = v8 ? in.getLong(start + 32) : in.getInt(start + 28) & 0xFFFFFFFFL;
        int pduSkip = 0;
        if ((action & Blk.TA_CGROUP) != 0) {
            // blkparse does not know cgroup ids; drop the id that precedes the payload.
            action &= ~(long) Blk.TA_CGROUP;
            pduSkip = Math.min(CGROUP_ID_LEN, pduLen);
        }
        ByteBuffer out = outputs[index];
        if (timestampPending) {
            writeTimestampNotes(version);
        }
        boolean notify = (Blk.categories(action) & Blk.TC_NOTIFY) != 0;
        int sequence = in.getInt(start + 4);
        if (!notify) {
            int pid = in.getInt(start + (v8 ? 28 : 32));
            if (pid >= 0 && !announcedPids[index].get(pid)) {
                announcedPids[index].set(pid);
                writeProcessNote(index, version, in.getLong(start + 8), pid, device);
            }
            sequence = ++sequences[index];
            events[index]++;
        }
        int at = out.position();
        out.put(at, in, start, headerSize);
        out.put(at + headerSize, in, start + headerSize + pduSkip, pduLen - pduSkip);
        out.putInt(at + 4, sequence);
        if (pduSkip > 0) {
            if (v8) {
                out.putLong(at + 32, action);
            } else {
                out.putInt(at + 28, (int) action);
            }
            out.putShort(at + pduLenOffset(version), (short) (pduLen - pduSkip));
        }
        out.position(at + headerSize + pduLen - pduSkip);
        buffered[index]++;
        if (out.position() >= flushBytes) {
            flush(index);
        }
    }

    private void writeTimestampNotes(int version) {
        timestampPending = false;
        for (int i = 0; i < outputs.length; i++) {
            ByteBuffer out = outputs[i];
            putHeader(out, version, timestampMonoNs, Blk.notifyAction(Blk.TN_TIMESTAMP), 0, deviceNumbers[i],
                TIMESTAMP_PDU_LEN);
            out.putInt((int) timestampWallSeconds);
            out.putInt(timestampWallNanos);
            buffered[i]++;
        }
    }

    private void writeProcessNote(int index, int version, long time, int pid, int device) {
        ByteBuffer out = outputs[index];
        byte[] comm = taskNames.comm(pid, cpu);
        putHeader(out, version, time, Blk.notifyAction(Blk.TN_PROCESS), pid, device, Blk.COMM_LEN);
        out.put(comm, 0, Blk.COMM_LEN);
        buffered[index]++;
    }

    /** A notify header at the buffer's position: no sequence, sector, size or error. */
    private void putHeader(ByteBuffer out, int version, long time, long action, int pid, int device, int pduLen) {
        out.putInt(Blk.MAGIC | version);
        out.putInt(0);
        out.putLong(time);
        out.putLong(0);
        out.putInt(0);
        if (version == Blk.VERSION_8) {
            out.putInt(pid);
            out.putLong(action);
            out.putInt(device);
            out.putInt(cpu);
            out.putShort((short) 0);
            out.putShort((short) pduLen);
            out.putInt(0);
            out.putLong(0);
        } else {
            out.putInt((int) action);
            out.putInt(pid);
            out.putInt(device);
            out.putInt(cpu);
            out.putShort((short) 0);
            out.putShort((short) pduLen);
        }
    }

    private static int pduLenOffset(int version) {
        return version == Blk.VERSION_8 ? 50 : 46;
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
            writeTimestampNotes(Blk.VERSION_7);
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

    /** Events (not notes) converted for the device at {@code index}. */
    long events(int index) {
        return events[index];
    }

    /** Bytes handed to the sink for the device at {@code index}. */
    long bytesWritten(int index) {
        return bytesWritten[index];
    }
}
