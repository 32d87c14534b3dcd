package org.jblktrace.core.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes and decodes records, in the field positions {@link RecordLayout} gives each version.
 * The buffer's byte order is the trace's byte order.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    /** Header size of a version, or -1 for versions this codec does not know. */
    public static int headerSize(int version) {
        RecordLayout layout = RecordLayout.of(version);
        return layout == null ? -1 : layout.headerSize;
    }

    /**
     * The layout records of {@code version} are read in: version 8's, else version 7's (blkparse
     * reads versions it does not know as version 7).
     */
    public static RecordLayout layoutFor(int version) {
        return version == Blk.VERSION_8 ? RecordLayout.V8 : RecordLayout.V7;
    }

    /** True if the 32-bit word, read in some byte order, carries the blktrace magic. */
    public static boolean hasMagic(int word) {
        return (word & Blk.MAGIC_MASK) == Blk.MAGIC;
    }

    /**
     * Byte order of a trace whose first four bytes, read in native order, are {@code nativeWord};
     * null when neither order carries the magic.
     */
    public static ByteOrder detectOrder(int nativeWord) {
        if (hasMagic(nativeWord)) {
            return ByteOrder.nativeOrder();
        }
        if (hasMagic(Integer.reverseBytes(nativeWord))) {
            return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
        return null;
    }

    /**
     * Decodes the header at {@code buf.position()} (the magic word already checked and giving
     * {@code version}) into {@code r} without touching the payload, and advances past the header.
     */
    public static void decodeHeader(ByteBuffer buf, int version, TraceRecord r) {
        RecordLayout layout = layoutFor(version);
        int p = buf.position();
        r.version = version;
        r.sequence = buf.getInt(p + RecordLayout.SEQUENCE_OFFSET);
        r.time = buf.getLong(p + RecordLayout.TIME_OFFSET);
        r.sector = buf.getLong(p + RecordLayout.SECTOR_OFFSET);
        r.bytes = buf.getInt(p + RecordLayout.BYTES_OFFSET);
        r.action = layout.action(buf, p);
        r.pid = layout.pid(buf, p);
        r.device = layout.device(buf, p);
        r.cpu = layout.cpu(buf, p);
        r.error = layout.error(buf, p);
        r.pduLen = layout.pduLen(buf, p);
        buf.position(p + layout.headerSize);
    }

    /** Writes header and payload of {@code r} at the buffer's position in its version, and advances. */
    public static void encode(TraceRecord r, ByteBuffer buf) {
        RecordLayout layout = layoutFor(r.version);
        int p = buf.position();
        layout.putHeader(buf, p, r.sequence, r.time, r.sector, r.bytes, r.action, r.pid, r.device, r.cpu, r.error,
                r.pduLen);
        buf.putInt(p + RecordLayout.MAGIC_OFFSET, Blk.MAGIC | r.version);
        buf.position(p + layout.headerSize);
        buf.put(r.pdu, 0, r.pduLen);
    }

    /** The record as a byte array in the given order. */
    public static byte[] toBytes(TraceRecord r, ByteOrder order) {
        ByteBuffer buf = ByteBuffer.allocate(r.encodedSize()).order(order);
        encode(r, buf);
        return buf.array();
    }

    /**
     * The "payload integer" blkparse shows for unplug counts and split sectors: the first eight
     * payload bytes as a big-endian u64 (missing bytes read as zero), truncated to 32 bits.
     */
    public static long payloadInteger(TraceRecord r) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (i < r.pduLen ? r.pdu[i] & 0xFF : 0);
        }
        return v & 0xFFFFFFFFL;
    }

    /** Big-endian u32 of the payload at {@code off}, zero where the payload is shorter. */
    public static int payloadBigEndianInt(TraceRecord r, int off) {
        int v = 0;
        for (int i = off; i < off + 4; i++) {
            v = (v << 8) | (i < r.pduLen ? r.pdu[i] & 0xFF : 0);
        }
        return v;
    }

    /** Big-endian u64 of the payload at {@code off}, zero where the payload is shorter. */
    public static long payloadBigEndianLong(TraceRecord r, int off) {
        long v = 0;
        for (int i = off; i < off + 8; i++) {
            v = (v << 8) | (i < r.pduLen ? r.pdu[i] & 0xFF : 0);
        }
        return v;
    }
}
