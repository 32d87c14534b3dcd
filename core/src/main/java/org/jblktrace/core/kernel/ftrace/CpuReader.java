package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads one CPU's raw ring-buffer pipe ({@code trace_pipe_raw}) a page at a time with blocking
 * reads and feeds the entries to the converter. A read waits for data, then hands out a page,
 * whole or as far as it is filled. Closing the channel from another thread ends a blocked read
 * (the JDK signals the reading thread, and the tracefs wait is interruptible).
 */
final class CpuReader implements Runnable {
    final int cpu;
    private final FileChannel pipe;
    private final int pageSize;
    private final RecordConverter converter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread thread;
    private volatile Exception failure;
    private long malformedPages;

    CpuReader(int cpu, FileChannel pipe, int pageSize, RecordConverter converter) {
        this.cpu = cpu;
        this.pipe = pipe;
        this.pageSize = pageSize;
        this.converter = converter;
        this.thread = new Thread(this, "ftrace-cpu" + cpu);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        ByteBuffer page = ByteBuffer.allocateDirect(pageSize).order(ByteOrder.nativeOrder());
        try {
            while (true) {
                if (pipe.read(page) <= 0) {
                    // The kernel found the buffer busy rather than empty (a read returning
                    // nothing): ask again shortly. Only the stop, closing the pipe, ends the loop.
                    Thread.sleep(1);
                    continue;
                }
                if (page.hasRemaining()) {
                    // The rest of the page comes with the next read.
                    continue;
                }
                page.flip();
                FaultInjection.inReader();
                lock.lock();
                try {
                    if (!RingBufferPage.read(page, converter::entry)) {
                        malformedPages++;
                    }
                } finally {
                    lock.unlock();
                }
                page.clear();
            }
        } catch (ClosedChannelException | InterruptedException stopped) {
            // stop() closed the pipe after the buffer drained.
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
            try {
                converter.finish();
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Hands buffered records to the sink now (timed flush from another thread). */
    void flushPending() {
        if (failure != null || !thread.isAlive()) {
            return;
        }
        lock.lock();
        try {
            converter.flushAll();
        } catch (IOException | RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isRunning() {
        return thread.isAlive() && failure == null;
    }

    /** Closes the pipe, which ends the reader, and waits for it. */
    void closeAndJoin() throws InterruptedException {
        try {
            pipe.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        thread.join();
    }

    Exception failure() {
        return failure;
    }

    /** Reads converter figures under the lock so they are current. */
    long events(int device) {
        lock.lock();
        try {
            return converter.events(device);
        } finally {
            lock.unlock();
        }
    }

    String recordProblem() {
        lock.lock();
        try {
            String entries = converter.recordProblem();
            if (malformedPages == 0) {
                return entries;
            }
            String pages = malformedPages + " ring-buffer pages whose entries did not add up";
            return entries == null ? pages : pages + " and " + entries;
        } finally {
            lock.unlock();
        }
    }

    long leftOut() {
        lock.lock();
        try {
            return converter.leftOut();
        } finally {
            lock.unlock();
        }
    }

    long bytesWritten(int device) {
        lock.lock();
        try {
            return converter.bytesWritten(device);
        } finally {
            lock.unlock();
        }
    }
}
