package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.LeadingRecordCheck;
import org.jblktrace.core.record.RecordLayout;

/**
 * One device's relay file for one CPU, read into a direct buffer. With whole records, a read's
 * trailing partial record is held back until the rest arrives, so the sink only ever sees whole
 * records; without, each read goes to the sink as it came, and only the records up to the first
 * event are looked at (to tell that events came, and of the version asked for). read() it
 * must be: relay files under debugfs refuse splice(2) and sendfile(2) with EINVAL (see
 * docs/benchmark.md, branch {@code splice}).
 */
final class RelayStream {
    final String deviceName;
    final int cpu;
    final String path;
    final int fd;
    private final int readSize;
    private final ByteBuffer view;
    private final long address;
    private final RecordFramer framer;
    private final LeadingRecordCheck leadingRecords;
    private int held;
    private boolean finished;
    private boolean closed;
    private volatile long bytesRead;

    private RelayStream(String deviceName, int cpu, String path, int fd, int readSize, boolean wholeRecords,
            RecordLayout layout) {
        this.deviceName = deviceName;
        this.cpu = cpu;
        this.path = path;
        this.fd = fd;
        this.readSize = readSize;
        this.view = ByteBuffer.allocateDirect(wholeRecords ? readSize + RecordLayout.MAX_RECORD : readSize)
                .order(ByteOrder.nativeOrder());
        this.address = RelayCalls.address(view);
        this.framer = wholeRecords ? new RecordFramer(layout) : null;
        this.leadingRecords = wholeRecords ? null : new LeadingRecordCheck(layout);
    }

    /** Opens {@code path} non-blocking; EPERM here is the lockdown case. */
    static RelayStream open(String deviceName, int cpu, String path, int readSize, boolean wholeRecords,
            RecordLayout layout) throws RelayException {
        try {
            int fd = LibC.INSTANCE.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            return new RelayStream(deviceName, cpu, path, fd, readSize, wholeRecords, layout);
        } catch (LastErrorException e) {
            throw RelayException.ofRelayFile(e.getErrorCode(),
                    "Thread " + cpu + " failed open " + path + ": " + Errno.describe(e.getErrorCode()));
        }
    }

    /**
     * One read, handed on to the sink (with whole records: only those, a trailing partial
     * record is kept).
     *
     * @return bytes read, 0 when the file had nothing (relay reports empty as EOF or EAGAIN)
     * @throws RelayException for read errors, IOException from the sink
     */
    int readOnce(TraceSink sink) throws IOException {
        long count;
        try {
            count = RelayCalls.read(fd, address + held, readSize);
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
        bytesRead += count;
        int filled = held + (int) count;
        if (framer == null) {
            view.limit(filled).position(0);
            leadingRecords.check(view);
            sink.write(deviceName, cpu, view);
            view.clear();
            return (int) count;
        }
        int whole = framer.wholeRecords(view, filled);
        if (whole > 0) {
            view.limit(whole).position(0);
            sink.write(deviceName, cpu, view, framer.lastRecordCount());
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

    /** Whether an event (not a note) was read. */
    boolean sawEvent() {
        return framer != null ? framer.events() > 0 : leadingRecords.sawEvent();
    }

    /** What the file held instead of a record of the expected layout, or null. */
    String problem() {
        return framer != null ? framer.problem() : leadingRecords.problem();
    }

    /** Bytes read from the relay file, what blktrace's summary counts. */
    long bytesRead() {
        return bytesRead;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibC.closeQuietly(fd);
    }
}
