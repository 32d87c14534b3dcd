package org.jblktrace.core.parse;

import org.jblktrace.core.record.TraceRecord;

/**
 * One per-CPU trace file in file mode: a FIFO of up to one batch of pre-read events (their
 * records are reused from batch to batch) and its link in the time-ordered stream list.
 */
final class FileStream {
    final DeviceState device;
    final CpuState cpu;
    final RecordReader reader;
    FileStream next;
    boolean closed;
    private TraceRecord[] queue = new TraceRecord[16];
    private int head;
    private int count;

    FileStream(DeviceState device, CpuState cpu, RecordReader reader) {
        this.device = device;
        this.cpu = cpu;
        this.reader = reader;
    }

    boolean isEmpty() {
        return count == 0;
    }

    TraceRecord peek() {
        return queue[head];
    }

    long peekTime() {
        return queue[head].time;
    }

    void pop() {
        head++;
        count--;
    }

    /** The record to read the next event into; only valid while the FIFO is being refilled. */
    TraceRecord slot() {
        if (count == 0) {
            head = 0;
        }
        if (count == queue.length) {
            queue = java.util.Arrays.copyOf(queue, count * 2);
        }
        TraceRecord r = queue[count];
        if (r == null) {
            r = new TraceRecord();
            queue[count] = r;
        }
        return r;
    }

    /** Keeps the record last returned by {@link #slot()}. */
    void push() {
        count++;
    }
}
