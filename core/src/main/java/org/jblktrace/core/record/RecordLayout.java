package org.jblktrace.core.record;

import java.nio.ByteBuffer;

/**
 * Where the fields of a record header sit, per format version, as offsets from the magic word.
 * Version 7 is the 48-byte {@code blk_io_trace} with a 32-bit action before the pid; version 8
 * is Linux 6.19's 64-byte {@code blk_io_trace2}, pid first, then a 64-bit action, and 12 reserved
 * bytes at the end. Magic, sequence, time, sector and bytes sit alike in both. The accessors
 * read and write a buffer in its own byte order without moving its position.
 */
public enum RecordLayout {
    V7(Blk.VERSION_7, Blk.HEADER_V7, 32, 28, false, 36, 40, 44, 46),
    V8(Blk.VERSION_8, Blk.HEADER_V8, 28, 32, true, 40, 44, 48, 50);

    public static final int MAGIC_OFFSET = 0;
    public static final int SEQUENCE_OFFSET = 4;
    public static final int TIME_OFFSET = 8;
    public static final int SECTOR_OFFSET = 16;
    public static final int BYTES_OFFSET = 24;
    /** The largest record of either version: the longer header and the largest 16-bit payload. */
    public static final int MAX_RECORD = Blk.HEADER_V8 + 0xFFFF;

    public final int version;
    public final int headerSize;
    public final int pidOffset;
    public final int actionOffset;
    /** Whether the action is 64 bits wide (else 32). */
    public final boolean wideAction;
    public final int deviceOffset;
    public final int cpuOffset;
    public final int errorOffset;
    public final int pduLenOffset;

    RecordLayout(int version, int headerSize, int pidOffset, int actionOffset, boolean wideAction, int deviceOffset,
            int cpuOffset, int errorOffset, int pduLenOffset) {
        this.version = version;
        this.headerSize = headerSize;
        this.pidOffset = pidOffset;
        this.actionOffset = actionOffset;
        this.wideAction = wideAction;
        this.deviceOffset = deviceOffset;
        this.cpuOffset = cpuOffset;
        this.errorOffset = errorOffset;
        this.pduLenOffset = pduLenOffset;
    }

    /** The layout of a version, or null for versions without one. */
    public static RecordLayout of(int version) {
        switch (version) {
            case Blk.VERSION_7:
                return V7;
            case Blk.VERSION_8:
                return V8;
            default:
                return null;
        }
    }

    /** The layout a magic word announces, or null when it carries no magic or an unknown version. */
    public static RecordLayout ofMagic(int magicWord) {
        return RecordCodec.hasMagic(magicWord) ? of(magicWord & 0xFF) : null;
    }

    /** The magic word of this version. */
    public int magic() {
        return Blk.MAGIC | version;
    }

    public int pduLen(ByteBuffer buf, int record) {
        return buf.getShort(record + pduLenOffset) & 0xFFFF;
    }

    public void putPduLen(ByteBuffer buf, int record, int pduLen) {
        buf.putShort(record + pduLenOffset, (short) pduLen);
    }

    /** Header plus payload of the record at {@code record}. */
    public int recordLength(ByteBuffer buf, int record) {
        return headerSize + pduLen(buf, record);
    }

    /** The action, unsigned (version 7's 32 bits zero-extended). */
    public long action(ByteBuffer buf, int record) {
        return wideAction ? buf.getLong(record + actionOffset) : buf.getInt(record + actionOffset) & 0xFFFFFFFFL;
    }

    /** Writes an action; version 7 keeps its low 32 bits. */
    public void putAction(ByteBuffer buf, int record, long action) {
        if (wideAction) {
            buf.putLong(record + actionOffset, action);
        } else {
            buf.putInt(record + actionOffset, (int) action);
        }
    }

    public int pid(ByteBuffer buf, int record) {
        return buf.getInt(record + pidOffset);
    }

    public int device(ByteBuffer buf, int record) {
        return buf.getInt(record + deviceOffset);
    }

    public int cpu(ByteBuffer buf, int record) {
        return buf.getInt(record + cpuOffset);
    }

    public int error(ByteBuffer buf, int record) {
        return buf.getShort(record + errorOffset) & 0xFFFF;
    }

    /** Whether the record is a note (PROCESS, TIMESTAMP, MESSAGE) rather than an event. */
    public boolean isNote(ByteBuffer buf, int record) {
        return (Blk.categories(action(buf, record)) & Blk.TC_NOTIFY) != 0;
    }

    /**
     * Writes a whole header at {@code record}: the given fields, the rest (and version 8's
     * reserved bytes) zero.
     */
    public void putHeader(ByteBuffer buf, int record, int sequence, long time, long sector, int bytes, long action,
            int pid, int device, int cpu, int error, int pduLen) {
        buf.putInt(record + MAGIC_OFFSET, magic());
        buf.putInt(record + SEQUENCE_OFFSET, sequence);
        buf.putLong(record + TIME_OFFSET, time);
        buf.putLong(record + SECTOR_OFFSET, sector);
        buf.putInt(record + BYTES_OFFSET, bytes);
        putAction(buf, record, action);
        buf.putInt(record + pidOffset, pid);
        buf.putInt(record + deviceOffset, device);
        buf.putInt(record + cpuOffset, cpu);
        buf.putShort(record + errorOffset, (short) error);
        putPduLen(buf, record, pduLen);
        for (int at = pduLenOffset + 2; at < headerSize; at++) {
            buf.put(record + at, (byte) 0);
        }
    }
}
