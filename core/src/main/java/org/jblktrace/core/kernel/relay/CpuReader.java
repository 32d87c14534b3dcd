package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;
import org.jblktrace.core.kernel.TraceSink;

/**
 * Reads every traced device's relay file of one CPU. It sleeps in poll(), which relay wakes
 * for full sub-buffers only; for live consumers it also reads the partly filled ones when the
 * poll times out. After {@link #requestStop()} it drains until a whole pass reads nothing.
 */
final class CpuReader implements Runnable {
    private static final int POLLFD_SIZE = 8;
    private static final int CPU_MASK_BYTES = 128;

    private final int cpu;
    private final List<RelayStream> streams;
    private final TraceSink sink;
    private final int pollTimeoutMillis;
    private final boolean readOnTimeout;
    private final Consumer<String> diagnostics;
    private volatile boolean stopRequested;
    private volatile IOException failure;

    CpuReader(int cpu, List<RelayStream> streams, TraceSink sink, int pollTimeoutMillis, boolean readOnTimeout,
            Consumer<String> diagnostics) {
        this.cpu = cpu;
        this.streams = streams;
        this.sink = sink;
        this.pollTimeoutMillis = pollTimeoutMillis;
        this.readOnTimeout = readOnTimeout;
        this.diagnostics = diagnostics;
    }

    void requestStop() {
        stopRequested = true;
    }

    /** The sink's failure that ended this reader early, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void run() {
        pinToCpu();
        ByteBuffer pollFds = ByteBuffer.allocateDirect(POLLFD_SIZE * streams.size()).order(ByteOrder.nativeOrder());
        Pointer pollFdsPointer = Native.getDirectBufferPointer(pollFds);
        try {
            while (!stopRequested) {
                int ready = pollOnce(pollFds, pollFdsPointer);
                if (ready == 0 && readOnTimeout) {
                    readPass();
                } else if (ready > 0) {
                    readReady(pollFds);
                }
            }
            while (readPass()) {
                // keep draining: STOP flushed the partial sub-buffers
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /**
     * Like blktrace, run next to the per-CPU buffer being read. A refusal only costs locality,
     * and CPUs beyond the 1024-bit mask simply stay unpinned.
     */
    private void pinToCpu() {
        if (cpu >= CPU_MASK_BYTES * 8) {
            return;
        }
        Memory mask = new Memory(CPU_MASK_BYTES);
        mask.clear();
        mask.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
        try {
            LibC.INSTANCE.sched_setaffinity(0, CPU_MASK_BYTES, mask);
        } catch (LastErrorException e) {
            diagnostics.accept("Thread " + cpu + " could not be pinned to its CPU: "
                    + Errno.describe(e.getErrorCode()));
        }
    }

    /** poll() over the open streams: ready count, 0 on timeout, -1 when interrupted by a signal. */
    private int pollOnce(ByteBuffer pollFds, Pointer pointer) throws IOException {
        for (int i = 0; i < streams.size(); i++) {
            RelayStream stream = streams.get(i);
            int at = i * POLLFD_SIZE;
            pollFds.putInt(at, stream.finished() ? -1 : stream.fd);
            pollFds.putShort(at + 4, LibC.POLLIN);
            pollFds.putShort(at + 6, (short) 0);
        }
        try {
            return LibC.INSTANCE.poll(pointer, streams.size(), pollTimeoutMillis);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EINTR) {
                return -1;
            }
            throw new RelayException(RelayException.Reason.OTHER, e.getErrorCode(),
                    "Thread " + cpu + " poll failed: " + Errno.describe(e.getErrorCode()));
        }
    }

    private void readReady(ByteBuffer pollFds) throws IOException {
        for (int i = 0; i < streams.size(); i++) {
            short events = pollFds.getShort(i * POLLFD_SIZE + 6);
            if (events == 0) {
                continue;
            }
            RelayStream stream = streams.get(i);
            int count = read(stream);
            boolean hungUp = (events & (LibC.POLLHUP | LibC.POLLERR | LibC.POLLNVAL)) != 0;
            if (count == 0 && hungUp) {
                stream.finish();
            }
        }
    }

    /** Reads every open stream once; true if anything arrived. */
    private boolean readPass() throws IOException {
        boolean any = false;
        for (RelayStream stream : streams) {
            if (!stream.finished() && read(stream) > 0) {
                any = true;
            }
        }
        return any;
    }

    /** A read error ends only that stream, as in blktrace; sink errors end the reader. */
    private int read(RelayStream stream) throws IOException {
        try {
            return stream.readOnce(sink);
        } catch (RelayException e) {
            diagnostics.accept(e.getMessage());
            stream.finish();
            return 0;
        }
    }
}
