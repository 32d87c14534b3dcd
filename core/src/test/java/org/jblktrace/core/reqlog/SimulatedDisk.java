package org.jblktrace.core.reqlog;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * An in-memory source device whose writers, and the events the kernel would log for them, a test
 * drives step by step: a write is issued (D logged), its data lands, it completes (C logged);
 * logged events reach the migration's listener only when the test delivers them, at the latest
 * at a barrier. Hooks run before and in the middle of each of the migration's reads, so that a
 * test can place any step at any point of a copy.
 */
final class SimulatedDisk implements Migration.Source, Migration.Target, RequestSource {
    static final int SECTOR = 512;

    /** One write: its range, its data, and how far along it is. */
    final class Write {
        final long sector;
        final int sectors;
        final byte[] data;
        boolean landed;
        boolean completed;

        Write(long sector, int sectors, byte fill) {
            this.sector = sector;
            this.sectors = sectors;
            this.data = new byte[sectors * SECTOR];
            Arrays.fill(data, fill);
        }

        /** The data reaches the medium. */
        void land() {
            System.arraycopy(data, 0, source, (int) (sector * SECTOR), data.length);
            landed = true;
        }

        /** The device completes it; the kernel logs C. */
        void complete() {
            if (!landed) {
                land();
            }
            completed = true;
            inFlight.remove(this);
            long time = ++clock;
            log(listener -> listener.completed(time, sector, sectors, true));
        }
    }

    final byte[] source;
    final byte[] target;
    final int blockSize;
    final List<Write> inFlight = new ArrayList<>();
    /** Events logged, not yet delivered, per CPU: each CPU's in order, CPUs in any order. */
    final List<Deque<Consumer<RequestListener>>> logged = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    /** Picks the CPU that logs an event, and the CPU whose event is delivered next; null: CPU 0. */
    Random cpus;
    /** Runs at the start of every read with the read's offset. */
    Consumer<Long> beforeRead = offset -> { };
    /** Runs between the two halves of every read. */
    Consumer<Long> midRead = offset -> { };
    /** Runs at every barrier before the logged events are delivered. */
    Runnable atBarrier = () -> { };
    String failure;
    int reads;
    int barriers;
    boolean synced;
    private RequestListener listener;
    private long clock;

    SimulatedDisk(int sizeBytes, int blockSize, long seed) {
        this.source = new byte[sizeBytes];
        this.target = new byte[sizeBytes];
        this.blockSize = blockSize;
        new Random(seed).nextBytes(source);
    }

    /** Issues a write; the kernel logs D. */
    Write issue(long sector, int sectors, byte fill) {
        Write write = new Write(sector, sectors, fill);
        inFlight.add(write);
        long time = ++clock;
        log(l -> l.issued(time, sector, sectors, true));
        return write;
    }

    /** A write done before tracking started: data only, no events. */
    void writeUnseen(long sector, int sectors, byte fill) {
        new Write(sector, sectors, fill).land();
    }

    /** Logs an event on a CPU. */
    void log(Consumer<RequestListener> event) {
        logged.get(cpus == null ? 0 : cpus.nextInt(logged.size())).add(event);
    }

    /** Delivers {@code count} logged events (all if fewer), each the oldest of its CPU. */
    void deliver(int count) {
        for (int i = 0; i < count; i++) {
            List<Deque<Consumer<RequestListener>>> waiting = logged.stream().filter(queue -> !queue.isEmpty()).toList();
            if (waiting.isEmpty()) {
                return;
            }
            waiting.get(cpus == null ? 0 : cpus.nextInt(waiting.size())).remove().accept(listener);
        }
    }

    void deliverAll() {
        deliver(Integer.MAX_VALUE);
    }

    boolean equal() {
        return Arrays.equals(source, target);
    }

    @Override
    public long sizeBytes() {
        return source.length;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public void read(long offset, ByteBuffer into) {
        reads++;
        beforeRead.accept(offset);
        int length = into.remaining();
        int half = length / 2;
        into.put(source, (int) offset, half);
        midRead.accept(offset);
        into.put(source, (int) offset + half, length - half);
    }

    @Override
    public long writesInFlight() {
        return inFlight.size();
    }

    @Override
    public long currentSizeBytes() {
        return source.length;
    }

    @Override
    public void write(long offset, ByteBuffer from) {
        from.get(target, (int) offset, from.remaining());
    }

    @Override
    public void sync() {
        synced = true;
    }

    @Override
    public void start(RequestListener requestListener) {
        this.listener = requestListener;
    }

    @Override
    public void barrier() {
        barriers++;
        atBarrier.run();
        deliverAll();
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
    }
}
