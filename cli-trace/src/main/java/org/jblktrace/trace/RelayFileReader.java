package org.jblktrace.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;

/**
 * One device's relay file for one CPU, read without blocking: each read's whole records go to
 * the sink, a record cut by the read waits for the rest, as blktrace keeps partial records
 * back in piped mode.
 */
final class RelayFileReader {
    /** Room for the largest record (a version 8 header and a 64 KiB payload) and then some. */
    private static final int MIN_CAPACITY = 2 * (Blk.HEADER_V8 + 0xFFFF);
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    final String deviceName;
    final int cpu;
    private final ReadableByteChannel relay;
    private final ByteBuffer buffer;

    RelayFileReader(String deviceName, int cpu, ReadableByteChannel relay, int readSize) {
        this.deviceName = deviceName;
        this.cpu = cpu;
        this.relay = relay;
        this.buffer = ByteBuffer.allocateDirect(Math.max(readSize, MIN_CAPACITY));
    }

    /** Reads what is there and hands on the whole records; returns the number of bytes read. */
    int readOnce(TraceSink sink) throws IOException {
        int read = relay.read(buffer);
        if (read <= 0) {
            return 0;
        }
        buffer.flip();
        int whole = wholeRecordsEnd();
        int end = buffer.limit();
        if (whole > 0) {
            buffer.limit(whole);
            sink.write(deviceName, cpu, buffer);
            buffer.limit(end);
            buffer.position(whole);
        }
        buffer.compact();
        return read;
    }

    /** Bytes of a record cut by the last read, left out at the end. */
    int pending() {
        return buffer.position();
    }

    /** End of the last whole record from position 0 of the flipped buffer. */
    private int wholeRecordsEnd() {
        int at = 0;
        while (at + Blk.HEADER_V7 <= buffer.limit()) {
            int version = buffer.get(LITTLE_ENDIAN ? at : at + 3);
            int headerSize = RecordCodec.headerSize(version);
            if (headerSize < 0 || at + headerSize > buffer.limit()) {
                // A cut header, or bytes that are no record (passed on as they are, like blktrace).
                return headerSize < 0 ? buffer.limit() : at;
            }
            int lengthOffset = at + headerSize - 2 - (version == Blk.VERSION_8 ? 12 : 0);
            int first = buffer.get(lengthOffset) & 0xFF;
            int second = buffer.get(lengthOffset + 1) & 0xFF;
            int next = at + headerSize + (LITTLE_ENDIAN ? first | second << 8 : second | first << 8);
            if (next > buffer.limit()) {
                return at;
            }
            at = next;
        }
        return at;
    }

    void close() throws IOException {
        relay.close();
    }
}
