package org.jblktrace.core.kernel.relay;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
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
 * for full sub-buffers only; for live consumers it also reads the partly filled ones every
 * {@code partialReadMillis}. The stop signal's eventfd is in the same poll set: once raised,
 * it wakes the reader at once, which parks until the kernel has flushed and then drains until
 * a whole pass reads nothing.
 */
final class CpuReader implements Runnable {
    private static final int POLLFD_SIZE = 8;
    private static final int CPU_MASK_BYTES = 128;
    /**
     * Without partial reads, poll() still returns this often (blktrace's file-mode timeout): a
     * relay file the kernel finalizes wakes nobody (a disk deleted while traced), and only the
     * next poll() sees it, while its last records can still be read.
     */
    private static final int REPOLL_MILLIS = 500;

    private final int cpu;
    private final List<RelayStream> streams;
    private final StopSignal stopSignal;
    private final TraceSink sink;
    private final int partialReadMillis;
    private final Consumer<String> diagnostics;
    private volatile boolean stopRequested;
    private volatile IOException failure;

    CpuReader(int cpu, List<RelayStream> streams, StopSignal stopSignal, TraceSink sink, int partialReadMillis,
            Consumer<String> diagnostics) {
        this.cpu = cpu;
        this.streams = streams;
        this.stopSignal = stopSignal;
        this.sink = sink;
        this.partialReadMillis = partialReadMillis;
        this.diagnostics = diagnostics;
    }

    /** Call before raising the stop signal, which wakes the reader to see it. */
    void requestStop() {
        stopRequested = true;
    }

    /** The sink's failure that ended this reader early, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void run() {
        boolean parked = false;
        try {
            pinToCpu();
            readUntilStopped();
            stopSignal.park();
            parked = true;
            while (readPass()) {
                // keep draining: STOP flushed the partial sub-buffers
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            if (!parked) {
                stopSignal.leave();
            }
        }
    }

    private void readUntilStopped() throws IOException {
        // One pollfd per stream, then the stop signal's.
        ByteBuffer pollFds = ByteBuffer.allocateDirect(POLLFD_SIZE * (streams.size() + 1))
                .order(ByteOrder.nativeOrder());
        long pollFdsAddress = RelayCalls.address(pollFds);
        int stopAt = streams.size() * POLLFD_SIZE;
        pollFds.putInt(stopAt, stopSignal.fd);
        pollFds.putShort(stopAt + 4, LibC.POLLIN);
        while (!stopRequested) {
            int ready = pollOnce(pollFds, pollFdsAddress);
            if (ready == 0 && partialReadMillis > 0) {
                readPass();
            } else if (ready > 0) {
                readReady(pollFds);
            }
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

    /** poll() over the open streams and the stop signal: ready count, 0 on timeout, -1 on EINTR. */
    private int pollOnce(ByteBuffer pollFds, long address) throws IOException {
        for (int i = 0; i < streams.size(); i++) {
            RelayStream stream = streams.get(i);
            int at = i * POLLFD_SIZE;
            pollFds.putInt(at, stream.finished() ? -1 : stream.fd);
            pollFds.putShort(at + 4, LibC.POLLIN);
            pollFds.putShort(at + 6, (short) 0);
        }
        try {
            int timeoutMillis = partialReadMillis > 0 ? partialReadMillis : REPOLL_MILLIS;
            return RelayCalls.poll(address, streams.size() + 1, timeoutMillis);
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
