package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;

/**
 * One device's relay file for one CPU. Reads land in a native buffer behind any bytes held
 * back from the previous read, so the sink only ever sees whole records.
 */
final class RelayStream {
    /** Largest record: a version 8 header plus the largest pdu_len. */
    private static final int MAX_RECORD = Blk.HEADER_V8 + 0xFFFF;

    final String deviceName;
    final int cpu;
    final String path;
    final int fd;
    private final int readSize;
    private final Memory memory;
    private final ByteBuffer view;
    private final RecordFramer framer = new RecordFramer();
    private int held;
    private boolean finished;
    private boolean closed;
    private volatile long bytesRead;
    private volatile long records;

    private RelayStream(String deviceName, int cpu, String path, int fd, int readSize) {
        this.deviceName = deviceName;
        this.cpu = cpu;
        this.path = path;
        this.fd = fd;
        this.readSize = readSize;
        this.memory = new Memory((long) readSize + MAX_RECORD);
        this.view = memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
    }

    /** Opens {@code path} non-blocking; EPERM here is the lockdown case. */
    static RelayStream open(String deviceName, int cpu, String path, int readSize) throws RelayException {
        try {
            int fd = LibC.INSTANCE.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            return new RelayStream(deviceName, cpu, path, fd, readSize);
        } catch (LastErrorException e) {
            throw RelayException.ofRelayFile(e.getErrorCode(),
                    "Thread " + cpu + " failed open " + path + ": " + Errno.describe(e.getErrorCode()));
        }
    }

    /**
     * One read; whole records go to the sink, a trailing partial record is kept.
     *
     * @return bytes read, 0 when the file had nothing (relay reports empty as EOF or EAGAIN)
     * @throws RelayException for read errors, IOException from the sink
     */
    int readOnce(TraceSink sink) throws IOException {
        long count;
        try {
            count = LibC.INSTANCE.read(fd, memory.share(held), readSize);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
                return 0;
            }
            throw RelayException.ofRelayFile(errno,
                    "Thread " + cpu + " failed read of " + path + ": " + Errno.describe(errno));
        }
        if (count <= 0) {
            return 0;
        }
        int filled = held + (int) count;
        bytesRead += count;
        int whole = framer.wholeRecords(view, filled);
        if (whole > 0) {
            view.limit(whole).position(0);
            sink.write(deviceName, cpu, view);
            records += framer.lastRecordCount();
            view.limit(filled).position(whole);
            view.compact();
            view.clear();
        }
        held = filled - whole;
        return (int) count;
    }

    /** Stop polling this file: nothing more can arrive (hang-up, error). */
    void finish() {
        finished = true;
    }

    boolean finished() {
        return finished;
    }

    /** Bytes read from the relay file, what blktrace's summary counts. */
    long bytesRead() {
        return bytesRead;
    }

    /** Whole records handed to the sink. */
    long records() {
        return records;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // Closing a read-only relay file cannot lose data; nothing to report.
        }
    }
}
