package org.jblktrace.core.kernel.relay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.RecordLayout;

/**
 * The readers of a set of per-CPU relay files (the kernel's blktrace or the jblktrace module):
 * one thread per CPU, pinned to it, sleeping in poll() over that CPU's files and reading a
 * whole buffer's worth at a time into the sink. {@link #stop} drains what is left.
 */
public final class RelayReaders {
    /** One device's relay file of one CPU. */
    public record RelayFile(String deviceName, int cpu, Path path) {
    }

    /**
     * How to read.
     *
     * @param readSize bytes asked for per read (blktrace: the sub-buffer size)
     * @param partialReadMillis poll() wakes a reader for full sub-buffers only; for live
     *     consumers it also reads the partly filled ones this often (blktrace's piped mode: 50).
     *     0: never, they are read once the trace stops, as blktrace's file mode does
     * @param wholeRecords hand the sink whole records only (a record cut by a read waits for its
     *     rest); without, the sink gets each read as it came and concatenating them gives the stream
     * @param layout the records the files hold; without whole records, only those up to the first
     *     event are checked against it
     */
    public record Options(int readSize, int partialReadMillis, boolean wholeRecords, RecordLayout layout) {
        /** How often blktrace's piped mode reads the partly filled sub-buffers. */
        public static final int PIPED_PARTIAL_READ_MILLIS = 50;
    }

    private final List<RelayStream> streams;
    private final StopSignal stopSignal;
    private final List<CpuReader> readers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean stopped;

    private RelayReaders(List<RelayStream> streams, StopSignal stopSignal) {
        this.streams = streams;
        this.stopSignal = stopSignal;
    }

    /**
     * Opens every file, then starts the readers. If a file cannot be opened (EPERM under kernel
     * lockdown: {@link RelayException.Reason#LOCKED_DOWN}), the ones opened are closed again and
     * nothing is started.
     *
     * @param sink calls for one CPU come from one thread, in order; the buffer is reused once the
     *     call returns
     * @param diagnostics one-line warnings (read errors of single files), possibly from several
     *     reader threads at once
     */
    public static RelayReaders start(List<RelayFile> files, TraceSink sink, Options options,
            Consumer<String> diagnostics) throws RelayException {
        Map<Integer, List<RelayStream>> byCpu = new LinkedHashMap<>();
        List<RelayStream> streams = new ArrayList<>();
        StopSignal stopSignal;
        try {
            for (RelayFile file : files) {
                RelayStream stream = RelayStream.open(file.deviceName(), file.cpu(), file.path().toString(),
                        options.readSize(), options.wholeRecords(), options.layout());
                streams.add(stream);
                byCpu.computeIfAbsent(file.cpu(), cpu -> new ArrayList<>()).add(stream);
            }
            stopSignal = StopSignal.open(byCpu.size());
        } catch (RelayException e) {
            closeAll(streams);
            throw e;
        }
        RelayReaders started = new RelayReaders(streams, stopSignal);
        for (Map.Entry<Integer, List<RelayStream>> cpuStreams : byCpu.entrySet()) {
            int cpu = cpuStreams.getKey();
            CpuReader reader = new CpuReader(cpu, cpuStreams.getValue(), stopSignal, sink,
                    options.partialReadMillis(), diagnostics);
            Thread thread = new Thread(reader, "blktrace-cpu" + cpu);
            thread.setDaemon(true);
            started.readers.add(reader);
            started.threads.add(thread);
            thread.start();
        }
        return started;
    }

    /**
     * Stops a running trace: wakes every reader and waits until each has left its read loop,
     * runs {@code kernelStop} (the kernel's STOP, which flushes the partly filled sub-buffers),
     * then lets the readers drain their files until a pass reads nothing, joins them and closes
     * the files. A second call does nothing.
     *
     * <p>No reader may be inside read() during the STOP: relay_flush switches every CPU's
     * sub-buffer from the calling CPU, without the file's lock, and a read on another CPU at
     * that moment can take the flushed sub-buffer's padding for data (zeros, or on a reused
     * sub-buffer stale records; seen on 7.2 in piped mode).
     *
     * @return the first sink failure that ended a reader early, or null
     */
    public synchronized IOException stop(Runnable kernelStop) {
        if (stopped) {
            return null;
        }
        stopped = true;
        for (CpuReader reader : readers) {
            reader.requestStop();
        }
        stopSignal.raise();
        stopSignal.awaitParked();
        try {
            kernelStop.run();
        } finally {
            stopSignal.release();
        }
        IOException failure = null;
        for (int i = 0; i < threads.size(); i++) {
            joinUninterruptibly(threads.get(i));
            if (failure == null) {
                failure = readers.get(i).failure();
            }
        }
        readers.clear();
        threads.clear();
        closeAll(streams);
        stopSignal.close();
        return failure;
    }

    /** {@link #stop(Runnable)} for a trace the kernel has stopped already, or never started. */
    public IOException stop() {
        return stop(() -> { });
    }

    /** Bytes read from a device's relay file of one CPU (0 for a file not read). */
    public long bytesRead(String deviceName, int cpu) {
        RelayStream stream = stream(deviceName, cpu);
        return stream == null ? 0 : stream.bytesRead();
    }

    /** Whether an event (not a note) was read from any of a device's files. */
    public boolean sawEvent(String deviceName) {
        for (RelayStream stream : streams) {
            if (stream.deviceName.equals(deviceName) && stream.sawEvent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first relay file that held something other than records of the expected layout, as
     * one phrase naming the file, or null.
     */
    public String problem() {
        for (RelayStream stream : streams) {
            String problem = stream.problem();
            if (problem != null) {
                return stream.path + " holds " + problem;
            }
        }
        return null;
    }

    private RelayStream stream(String deviceName, int cpu) {
        for (RelayStream stream : streams) {
            if (stream.cpu == cpu && stream.deviceName.equals(deviceName)) {
                return stream;
            }
        }
        return null;
    }

    private static void closeAll(List<RelayStream> streams) {
        for (RelayStream stream : streams) {
            stream.close();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
