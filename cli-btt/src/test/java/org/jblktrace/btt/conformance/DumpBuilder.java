package org.jblktrace.btt.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/**
 * Builds a {@code blkparse -d} dump: records in time order (stable for equal times), in one
 * version and byte order, numbered per device as the kernel numbers them.
 */
final class DumpBuilder {
    private final int version;
    private final ByteOrder order;
    private final List<TraceRecord> records = new ArrayList<>();

    DumpBuilder(int version, ByteOrder order) {
        this.version = version;
        this.order = order;
    }

    TraceRecord add(long time, int device, int cpu, long sector, int bytes, long action, int pid) {
        TraceRecord r = new TraceRecord();
        r.version = version;
        r.time = time;
        r.device = device;
        r.cpu = cpu;
        r.sector = sector;
        r.bytes = bytes;
        r.action = action;
        r.pid = pid;
        r.pduLen = 0;
        records.add(r);
        return r;
    }

    void process(long time, int pid, String name) {
        TraceRecord r = add(time, 0, 0, 0, 0, Blk.notifyAction(Blk.TN_PROCESS), pid);
        byte[] comm = new byte[Blk.COMM_LEN];
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(n, 0, comm, 0, Math.min(n.length, comm.length - 1));
        r.setPdu(comm);
    }

    void message(long time, int device, int pid, String text) {
        TraceRecord r = add(time, device, 0, 0, 0, Blk.notifyAction(Blk.TN_MESSAGE), pid);
        r.setPdu(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] bigEndianLong(long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (56 - 8 * i));
        }
        return b;
    }

    static byte[] remapPayload(int from, int to, long sector) {
        byte[] b = new byte[16];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (from >>> (24 - 8 * i));
            b[4 + i] = (byte) (to >>> (24 - 8 * i));
        }
        System.arraycopy(bigEndianLong(sector), 0, b, 8, 8);
        return b;
    }

    byte[] build() {
        List<TraceRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong(r -> r.time));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.Map<Integer, Integer> sequence = new java.util.HashMap<>();
        for (TraceRecord r : sorted) {
            if (!r.isNotify()) {
                r.sequence = sequence.merge(r.device, 1, Integer::sum);
            }
            out.writeBytes(RecordCodec.toBytes(r, order));
        }
        return out.toByteArray();
    }
}
