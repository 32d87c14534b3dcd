package org.jblktrace.core.btt;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jblktrace.core.parse.TraceStream;
import org.jblktrace.core.record.TraceRecord;

/**
 * Reads and decodes a dump in a thread of its own, a batch of records ahead of the analysis,
 * so that reading, decoding and analysing use both cores of a two-core machine. Batches are
 * recycled: memory stays at a few batches.
 */
final class Prefetcher {
    private static final int BATCH = 4096;
    private static final int BATCHES = 4;

    private static final class Batch {
        final TraceRecord[] records = new TraceRecord[BATCH];
        int count;
        /** How the reading ended after the records of this batch, or null when it goes on. */
        TraceStream.Status end;

        Batch() {
            for (int i = 0; i < BATCH; i++) {
                records[i] = new TraceRecord();
            }
        }
    }

    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> empty = new ArrayBlockingQueue<>(BATCHES);
    private final Thread reader;
    private Batch current;
    private int index;

    Prefetcher(TraceStream stream) {
        for (int i = 0; i < BATCHES; i++) {
            empty.add(new Batch());
        }
        reader = new Thread(() -> read(stream), "btt-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(TraceStream stream) {
        try {
            while (true) {
                Batch b = empty.take();
                b.count = 0;
                b.end = null;
                while (b.count < BATCH) {
                    TraceStream.Status status = stream.next(b.records[b.count]);
                    if (status != TraceStream.Status.RECORD) {
                        b.end = status;
                        break;
                    }
                    b.count++;
                }
                full.put(b);
                if (b.end != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // The analysis ended first (-T, a stop signal): nothing more is wanted.
        }
    }

    /** How the reading ended, once {@link #next} has returned null. */
    TraceStream.Status end;

    /**
     * The next record (valid until the next call), or null when the reading ended: see
     * {@link #end} (END or a problem, whose details the stream then holds).
     */
    TraceRecord next() {
        while (current == null || index == current.count) {
            if (current != null) {
                if (current.end != null) {
                    end = current.end;
                    return null;
                }
                empty.add(current);
            }
            try {
                current = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end = TraceStream.Status.READ_ERROR;
                return null;
            }
            index = 0;
        }
        return current.records[index++];
    }

    /** Stops the reader (when the analysis ends before the dump does) and waits for it. */
    void close() {
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
