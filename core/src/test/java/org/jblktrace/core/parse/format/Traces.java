package org.jblktrace.core.parse.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/** Builders for the records the formatter tests feed to both blkparse and the formatter. */
final class Traces {
    static final int DEV_8_0 = Blk.device(8, 0);

    private Traces() {
    }

    static TraceRecord event(int sequence, long time, long sector, int bytes, int code, int categories, int pid) {
        TraceRecord r = new TraceRecord();
        r.sequence = sequence;
        r.time = time;
        r.sector = sector;
        r.bytes = bytes;
        r.action = Blk.action(code, categories);
        r.pid = pid;
        r.device = DEV_8_0;
        r.pduLen = 0;
        return r;
    }

    static TraceRecord withPdu(TraceRecord r, byte[] pdu) {
        r.setPdu(pdu);
        return r;
    }

    static TraceRecord withError(TraceRecord r, int error) {
        r.error = error;
        return r;
    }

    static TraceRecord process(int pid, String name) {
        TraceRecord r = notify(Blk.TN_PROCESS, 0, pid);
        r.setPdu(Arrays.copyOf(name.getBytes(StandardCharsets.ISO_8859_1), Blk.COMM_LEN));
        return r;
    }

    /** TIMESTAMP note with the wall clock in little-endian (the trace's order). */
    static TraceRecord timestamp(long time, int sec, int nsec) {
        TraceRecord r = notify(Blk.TN_TIMESTAMP, time, 0);
        r.setPdu(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(sec).putInt(nsec).array());
        return r;
    }

    static TraceRecord message(long time, int pid, byte[] text) {
        TraceRecord r = notify(Blk.TN_MESSAGE, time, pid);
        r.setPdu(text);
        return r;
    }

    private static TraceRecord notify(int code, long time, int pid) {
        TraceRecord r = event(0, time, 0, 0, 0, 0, pid);
        r.action = Blk.notifyAction(code);
        return r;
    }

    static byte[] bigEndianLong(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static byte[] remap(int deviceFrom, int deviceTo, long sectorFrom) {
        return ByteBuffer.allocate(16).putInt(deviceFrom).putInt(deviceTo).putLong(sectorFrom).array();
    }
}
