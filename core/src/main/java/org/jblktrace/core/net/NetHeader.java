package org.jblktrace.core.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 64-byte header of blktrace's network protocol ({@code blktrace_net_hdr}), sent in the
 * sender's byte order. Its {@link #len} field is overloaded: {@link #OPEN}, {@link #CLOSE} and
 * {@link #ACK} are control messages, any other value counts the trace bytes that follow. In a
 * close message {@link #cpu} carries the device's drop count.
 */
public final class NetHeader {
    public static final int SIZE = 64;
    public static final int MAGIC = 0x65617400;
    public static final int OPEN = 0;
    public static final int CLOSE = 1;
    public static final int ACK = 2;
    public static final int NAME_SIZE = 32;

    private static final int MAGIC_MASK = 0xFFFFFF00;
    private static final int NAME_OFFSET = 4;
    private static final int CPU_OFFSET = 36;

    public int magic = MAGIC;
    /** Trace (device) name; at most 31 bytes are sent. */
    public String name = "";
    public int cpu;
    public int maxCpus;
    public int len;
    /** Identifies one client run: the client's process id. */
    public int clientId;
    public int bufSize;
    public int bufNr;
    public int pageSize;

    /**
     * The byte order of a header whose magic is at {@code header}'s position, or null when
     * neither order shows the protocol magic.
     */
    public static ByteOrder detectOrder(ByteBuffer header) {
        int little = header.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(header.position());
        if ((little & MAGIC_MASK) == MAGIC) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if ((Integer.reverseBytes(little) & MAGIC_MASK) == MAGIC) {
            return ByteOrder.BIG_ENDIAN;
        }
        return null;
    }

    /** True if the magic word carries the protocol magic (the low byte is ignored). */
    public boolean hasMagic() {
        return (magic & MAGIC_MASK) == MAGIC;
    }

    /** Writes the header at the buffer's position in the buffer's byte order and advances. */
    public void encode(ByteBuffer out) {
        int start = out.position();
        out.putInt(magic);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        out.put(bytes, 0, Math.min(bytes.length, NAME_SIZE - 1));
        for (int i = Math.min(bytes.length, NAME_SIZE - 1); i < NAME_SIZE; i++) {
            out.put((byte) 0);
        }
        out.position(start + CPU_OFFSET);
        out.putInt(cpu);
        out.putInt(maxCpus);
        out.putInt(len);
        out.putInt(clientId);
        out.putInt(bufSize);
        out.putInt(bufNr);
        out.putInt(pageSize);
    }

    /** Reads a header at the buffer's position in the buffer's byte order and advances. */
    public void decode(ByteBuffer in) {
        int start = in.position();
        magic = in.getInt();
        byte[] bytes = new byte[NAME_SIZE];
        in.get(bytes);
        int length = 0;
        while (length < NAME_SIZE && bytes[length] != 0) {
            length++;
        }
        name = new String(Arrays.copyOf(bytes, length), StandardCharsets.UTF_8);
        in.position(start + CPU_OFFSET);
        cpu = in.getInt();
        maxCpus = in.getInt();
        len = in.getInt();
        clientId = in.getInt();
        bufSize = in.getInt();
        bufNr = in.getInt();
        pageSize = in.getInt();
    }
}
