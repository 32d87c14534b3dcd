package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads one CPU's ftrace pipe with blocking reads and feeds the converter. Closing the channel
 * from another thread ends a blocked read (the JDK signals the reading thread, and the tracefs
 * wait is interruptible).
 */
final class CpuReader implements Runnable {
    /** The kernel returns at most about two pages per read; this also holds any record whole. */
    private static final int READ_CAPACITY = 2 * RecordConverter.MAX_RECORD;

    final int cpu;
    private final FileChannel pipe;
    private final RecordConverter converter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread thread;
    private volatile Exception failure;

    CpuReader(int cpu, FileChannel pipe, RecordConverter converter) {
        this.cpu = cpu;
        this.pipe = pipe;
        this.converter = converter;
        this.thread = new Thread(this, "ftrace-cpu" + cpu);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        ByteBuffer in = ByteBuffer.allocateDirect(READ_CAPACITY).order(ByteOrder.nativeOrder());
        try {
            while (pipe.read(in) >= 0) {
                in.flip();
                lock.lock();
                try {
                    converter.consume(in);
                } finally {
                    lock.unlock();
                }
                in.compact();
            }
        } catch (ClosedChannelException stopped) {
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
            return converter.recordProblem();
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
