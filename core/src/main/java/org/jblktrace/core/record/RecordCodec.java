package org.jblktrace.core.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes and decodes record headers. Version 7 is the 48-byte {@code blk_io_trace};
 * version 8 is Linux 6.19's 64-byte {@code blk_io_trace2} with a 64-bit action placed after
 * the pid. The buffer's byte order is the trace's byte order.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    /** Header size of a version, or -1 for versions this codec does not know. */
    public static int headerSize(int version) {
        switch (version) {
            case Blk.VERSION_7:
                return Blk.HEADER_V7;
            case Blk.VERSION_8:
                return Blk.HEADER_V8;
            default:
                return -1;
        }
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
        int p = buf.position();
        r.version = version;
        r.sequence = buf.getInt(p + 4);
        r.time = buf.getLong(p + 8);
        r.sector = buf.getLong(p + 16);
        r.bytes = buf.getInt(p + 24);
        if (version == Blk.VERSION_8) {
            r.pid = buf.getInt(p + 28);
            r.action = buf.getLong(p + 32);
            r.device = buf.getInt(p + 40);
            r.cpu = buf.getInt(p + 44);
            r.error = buf.getShort(p + 48) & 0xFFFF;
            r.pduLen = buf.getShort(p + 50) & 0xFFFF;
            buf.position(p + Blk.HEADER_V8);
        } else {
            r.action = buf.getInt(p + 28) & 0xFFFFFFFFL;
            r.pid = buf.getInt(p + 32);
            r.device = buf.getInt(p + 36);
            r.cpu = buf.getInt(p + 40);
            r.error = buf.getShort(p + 44) & 0xFFFF;
            r.pduLen = buf.getShort(p + 46) & 0xFFFF;
            buf.position(p + Blk.HEADER_V7);
        }
    }

    /** Writes header and payload of {@code r} at the buffer's position in its version. */
    public static void encode(TraceRecord r, ByteBuffer buf) {
        buf.putInt(Blk.MAGIC | r.version);
        buf.putInt(r.sequence);
        buf.putLong(r.time);
        buf.putLong(r.sector);
        buf.putInt(r.bytes);
        if (r.version == Blk.VERSION_8) {
            buf.putInt(r.pid);
            buf.putLong(r.action);
            buf.putInt(r.device);
            buf.putInt(r.cpu);
            buf.putShort((short) r.error);
            buf.putShort((short) r.pduLen);
            // Reserved tail of the 64-byte header; written without allocating.
            buf.putInt(0);
            buf.putLong(0);
        } else {
            buf.putInt((int) r.action);
            buf.putInt(r.pid);
            buf.putInt(r.device);
            buf.putInt(r.cpu);
            buf.putShort((short) r.error);
            buf.putShort((short) r.pduLen);
        }
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
