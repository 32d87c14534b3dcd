package org.jblktrace.core.parse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/** Builds trace byte streams for tests. */
final class TraceFiles {
    static final int SDA = Blk.device(8, 0);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final int version;

    TraceFiles() {
        this(ByteOrder.LITTLE_ENDIAN, Blk.VERSION_7);
    }

    TraceFiles(ByteOrder order, int version) {
        this.order = order;
        this.version = version;
    }

    static TraceRecord record(int seq, long time, long sector, int nbytes, long action, int pid, int dev, int cpu) {
        TraceRecord r = new TraceRecord();
        r.sequence = seq;
        r.time = time;
        r.sector = sector;
        r.bytes = nbytes;
        r.action = action;
        r.pid = pid;
        r.device = dev;
        r.cpu = cpu;
        r.pduLen = 0;
        return r;
    }

    TraceFiles add(TraceRecord r) {
        r.version = version;
        bytes.writeBytes(RecordCodec.toBytes(r, order));
        return this;
    }

    /** An event: action code plus categories. */
    TraceFiles event(int cpu, int seq, long time, long sector, int nbytes, int code, int categories, int pid) {
        return add(record(seq, time, sector, nbytes, Blk.action(code, categories), pid, SDA, cpu));
    }

    TraceFiles eventOn(int dev, int cpu, int seq, long time, long sector, int nbytes, int code, int categories, int pid) {
        return add(record(seq, time, sector, nbytes, Blk.action(code, categories), pid, dev, cpu));
    }

    TraceFiles withPdu(int cpu, int seq, long time, long sector, int nbytes, int code, int categories, int pid, byte[] pdu) {
        TraceRecord r = record(seq, time, sector, nbytes, Blk.action(code, categories), pid, SDA, cpu);
        r.setPdu(pdu);
        return add(r);
    }

    TraceFiles process(int cpu, int pid, String name) {
        TraceRecord r = record(0, 0, 0, 0, Blk.notifyAction(Blk.TN_PROCESS), pid, SDA, cpu);
        byte[] comm = new byte[16];
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(n, 0, comm, 0, Math.min(n.length, 16));
        r.setPdu(comm);
        return add(r);
    }

    TraceFiles message(int cpu, long time, int pid, String text) {
        TraceRecord r = record(0, time, 0, 0, Blk.notifyAction(Blk.TN_MESSAGE), pid, SDA, cpu);
        r.setPdu(text.getBytes(StandardCharsets.ISO_8859_1));
        return add(r);
    }

    TraceFiles timestamp(int cpu, long time, int sec, int nsec) {
        TraceRecord r = record(0, time, 0, 0, Blk.notifyAction(Blk.TN_TIMESTAMP), 0, SDA, cpu);
        r.setPdu(ByteBuffer.allocate(8).order(order).putInt(sec).putInt(nsec).array());
        return add(r);
    }

    TraceFiles raw(byte[] b) {
        bytes.writeBytes(b);
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    void write(Path file) throws IOException {
        Files.write(file, bytes());
    }

    static byte[] be64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    /** The spec's Appendix A fixture: sda.blktrace.0 and .1 in {@code dir}. */
    static void appendixA(Path dir) throws IOException {
        appendixA(dir, Blk.VERSION_7);
    }

    static void appendixA(Path dir, int version) throws IOException {
        appendixA(dir, version, ByteOrder.LITTLE_ENDIAN);
    }

    static void appendixA(Path dir, int version, ByteOrder order) throws IOException {
        TraceFiles c0 = new TraceFiles(order, version);
        TraceFiles c1 = new TraceFiles(order, version);
        long b = 5_000_000_000L;
        int q = Blk.TC_QUEUE;
        int w = Blk.TC_WRITE;
        int r = Blk.TC_READ;
        int fs = Blk.TC_FS;
        c0.timestamp(0, 1000, 1700000000, 123456789);
        c0.process(0, 697, "kjournald");
        c0.process(0, 1234, "dd");
        c0.event(0, 1, b, 223490, 4096, Blk.TA_QUEUE, q | w | fs, 697);
        c0.event(0, 2, b + 1500, 223490, 4096, Blk.TA_GETRQ, q | w | fs, 697);
        c0.event(0, 3, b + 2000, 0, 0, Blk.TA_PLUG, q, 697);
        c0.event(0, 4, b + 3000, 223498, 4096, Blk.TA_BACKMERGE, q | w | fs, 697);
        c0.event(0, 5, b + 4000, 223490, 8192, Blk.TA_INSERT, q | w | fs | Blk.TC_SYNC, 697);
        c0.withPdu(0, 6, b + 5000, 0, 0, Blk.TA_UNPLUG_IO, q, 697, be64(1));
        c0.event(0, 7, b + 6000, 223490, 8192, Blk.TA_ISSUE, Blk.TC_ISSUE | w | fs | Blk.TC_SYNC, 697);
        c1.event(1, 1, b + 2500, 1000, 65536, Blk.TA_QUEUE, q | r | fs | Blk.TC_AHEAD, 1234);
        c1.event(1, 2, b + 2600, 1000, 65536, Blk.TA_GETRQ, q | r | fs | Blk.TC_AHEAD, 1234);
        c1.event(1, 3, b + 2700, 1000, 65536, Blk.TA_INSERT, q | r | fs | Blk.TC_AHEAD, 1234);
        c1.event(1, 4, b + 2800, 1000, 65536, Blk.TA_ISSUE, Blk.TC_ISSUE | r | fs | Blk.TC_AHEAD, 1234);
        c1.event(1, 5, b + 12000000, 1000, 65536, Blk.TA_COMPLETE, Blk.TC_COMPLETE | r | fs | Blk.TC_AHEAD, 0);
        c0.event(0, 8, b + 13000000, 223490, 8192, Blk.TA_COMPLETE, Blk.TC_COMPLETE | w | fs | Blk.TC_SYNC, 0);
        c0.message(0, b + 14000000, 1234, "hello world");
        c0.event(0, 9, b + 15000000, 500, 4096, Blk.TA_QUEUE,
            q | w | fs | Blk.TC_FLUSH | Blk.TC_FUA | Blk.TC_SYNC | Blk.TC_META, 697);
        c0.event(0, 10, b + 16000000, 700, 1048576, Blk.TA_QUEUE, q | w | fs | Blk.TC_DISCARD, 697);
        c0.event(0, 11, b + 17000000, 0, 0, Blk.TA_QUEUE, q | fs | Blk.TC_FLUSH, 697);
        byte[] cdb = new byte[16];
        cdb[0] = 0x12;
        cdb[4] = 0x24;
        c1.withPdu(1, 6, b + 18000000, 0, 36, Blk.TA_ISSUE, Blk.TC_ISSUE | Blk.TC_PC | r, 1234, cdb);
        c1.withPdu(1, 7, b + 19000000, 0, 36, Blk.TA_COMPLETE, Blk.TC_COMPLETE | Blk.TC_PC | r, 1234, cdb);
        c1.withPdu(1, 8, b + 20000000, 2048, 4096, Blk.TA_REMAP, q | r | fs, 1234,
            ByteBuffer.allocate(16).putInt(Blk.device(8, 1)).putInt(Blk.device(8, 0)).putLong(8).array());
        c1.withPdu(1, 9, b + 21000000, 2048, 8192, Blk.TA_SPLIT, r | fs, 1234, be64(2056));
        c1.event(1, 10, b + 22000000, 4096, 4096, Blk.TA_BOUNCE, r | fs, 1234);
        c1.withPdu(1, 11, b + 23000000, 0, 0, Blk.TA_UNPLUG_TIMER, q, 0, be64(3));
        c1.event(1, 12, b + 24000000, 4096, 4096, Blk.TA_REQUEUE, Blk.TC_REQUEUE | r | fs, 1234);
        c1.event(1, 13, b + 25000000, 4096, 4096, Blk.TA_SLEEPRQ, q | r | fs, 1234);
        c1.event(1, 14, b + 26000000, 4088, 4096, Blk.TA_FRONTMERGE, q | r | fs, 1234);
        TraceRecord err = record(15, b + 27000000, 4096, 4096, Blk.action(Blk.TA_COMPLETE, Blk.TC_COMPLETE | r | fs), 1234, SDA, 1);
        err.error = 5;
        c1.add(err);
        c1.event(1, 16, b + 28000000, 4096, 0, Blk.TA_ABORT, q | r | fs, 1234);
        c0.write(dir.resolve("sda.blktrace.0"));
        c1.write(dir.resolve("sda.blktrace.1"));
    }
}
