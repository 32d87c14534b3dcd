package org.jblktrace.core.record;

import java.util.Arrays;

/**
 * One blktrace record, mutable so that readers can fill the same instance again and again.
 * Integer fields hold the raw unsigned values; use the unsigned helpers of {@link Long} and
 * {@link Integer} where a value may exceed the signed range.
 */
public final class TraceRecord {
    /** Format version the record was read in or will be written in (7 or 8). */
    public int version = Blk.VERSION_7;
    public int sequence;
    public long time;
    public long sector;
    public int bytes;
    /** Action word; 32 bits wide in version 7, 64 bits in version 8. */
    public long action;
    public int pid;
    public int device;
    public int cpu;
    /** Completion error, an unsigned 16-bit value. */
    public int error;
    public int pduLen;
    /** Payload bytes; only the first {@link #pduLen} are meaningful. */
    public byte[] pdu = new byte[64];

    /** Makes room for a payload of {@code len} bytes and sets {@link #pduLen}. */
    public byte[] ensurePdu(int len) {
        if (pdu.length < len) {
            pdu = new byte[Math.max(len, pdu.length * 2)];
        }
        pduLen = len;
        return pdu;
    }

    public void setPdu(byte[] data) {
        System.arraycopy(data, 0, ensurePdu(data.length), 0, data.length);
    }

    public byte[] pduBytes() {
        return Arrays.copyOf(pdu, pduLen);
    }

    public int categories() {
        return Blk.categories(action);
    }

    public int code() {
        return Blk.code(action);
    }

    public boolean isNotify() {
        return (categories() & Blk.TC_NOTIFY) != 0;
    }

    public void copyFrom(TraceRecord o) {
        version = o.version;
        sequence = o.sequence;
        time = o.time;
        sector = o.sector;
        bytes = o.bytes;
        action = o.action;
        pid = o.pid;
        device = o.device;
        cpu = o.cpu;
        error = o.error;
        System.arraycopy(o.pdu, 0, ensurePdu(o.pduLen), 0, o.pduLen);
    }

    public TraceRecord copy() {
        TraceRecord r = new TraceRecord();
        r.copyFrom(this);
        return r;
    }

    /** Header plus payload size in the record's version. */
    public int encodedSize() {
        return RecordCodec.headerSize(version) + pduLen;
    }

    @Override
    public String toString() {
        return "TraceRecord{v" + version + " seq=" + Integer.toUnsignedString(sequence)
            + " time=" + Long.toUnsignedString(time) + " sector=" + Long.toUnsignedString(sector)
            + " bytes=" + Integer.toUnsignedString(bytes) + " action=0x" + Long.toHexString(action)
            + " pid=" + Integer.toUnsignedString(pid) + " dev=" + Blk.major(device) + "," + Blk.minor(device)
            + " cpu=" + cpu + " error=" + error + " pduLen=" + pduLen + "}";
    }
}
