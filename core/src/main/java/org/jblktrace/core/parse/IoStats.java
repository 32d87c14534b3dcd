package org.jblktrace.core.parse;

/**
 * blkparse's I/O counters for one CPU, one program or a device total. Index 0 is the read
 * direction, 1 the write direction. Byte totals are KiB plus a byte rest, as unsigned 64-bit
 * values that requeues may wrap.
 */
final class IoStats {
    final long[] queued = new long[2];
    final long[] queuedKb = new long[2];
    final long[] queuedB = new long[2];
    final long[] dispatched = new long[2];
    final long[] dispatchedKb = new long[2];
    final long[] dispatchedB = new long[2];
    final long[] completed = new long[2];
    final long[] completedKb = new long[2];
    final long[] completedB = new long[2];
    final long[] merged = new long[2];
    final long[] mergedKb = new long[2];
    final long[] mergedB = new long[2];
    final long[] requeued = new long[2];
    final long[] pcQueued = new long[2];
    final long[] pcQueuedKb = new long[2];
    final long[] pcQueuedB = new long[2];
    final long[] pcDispatched = new long[2];
    final long[] pcDispatchedKb = new long[2];
    final long[] pcDispatchedB = new long[2];
    final long[] pcRequeued = new long[2];
    final long[] pcCompleted = new long[2];
    long ioUnplugs;
    long timerUnplugs;

    private static long kb(int bytes) {
        return (bytes & 0xFFFFFFFFL) >>> 10;
    }

    void queue(int rw, int bytes) {
        queued[rw]++;
        queuedKb[rw] += kb(bytes);
        queuedB[rw] += bytes & 1023;
    }

    void merge(int rw, int bytes) {
        merged[rw]++;
        mergedKb[rw] += kb(bytes);
        mergedB[rw] += bytes & 1023;
    }

    void issue(int rw, int bytes) {
        dispatched[rw]++;
        dispatchedKb[rw] += kb(bytes);
        dispatchedB[rw] += bytes & 1023;
    }

    void requeue(int rw, int bytes) {
        requeued[rw]++;
        dispatchedKb[rw] -= kb(bytes);
        dispatchedB[rw] -= bytes & 1023;
    }

    void complete(int rw, int bytes) {
        completed[rw]++;
        // The reference shifts a signed int here: sizes of 2 GiB and more go negative.
        completedKb[rw] += bytes >> 10;
        completedB[rw] += bytes & 1023;
    }

    void pcQueue(int rw, int bytes) {
        pcQueued[rw]++;
        // Reference quirk: a PC read's KiB land in the normal read-queued total.
        if (rw == 1) {
            pcQueuedKb[1] += kb(bytes);
        } else {
            queuedKb[0] += kb(bytes);
        }
        pcQueuedB[rw] += bytes & 1023;
    }

    void pcIssue(int rw, int bytes) {
        pcDispatched[rw]++;
        pcDispatchedKb[rw] += kb(bytes);
        pcDispatchedB[rw] += bytes & 1023;
    }

    void pcRequeue(int rw, int bytes) {
        pcRequeued[rw]++;
        pcDispatchedKb[rw] -= kb(bytes);
        pcDispatchedB[rw] -= bytes & 1023;
    }

    void pcComplete(int rw) {
        pcCompleted[rw]++;
    }

    void unplug(boolean timer) {
        if (timer) {
            timerUnplugs++;
        } else {
            ioUnplugs++;
        }
    }

    boolean anyPc() {
        for (int rw = 0; rw < 2; rw++) {
            if (pcQueued[rw] != 0 || pcDispatched[rw] != 0 || pcRequeued[rw] != 0 || pcCompleted[rw] != 0) {
                return true;
            }
        }
        return false;
    }

    void add(IoStats o) {
        for (int rw = 0; rw < 2; rw++) {
            queued[rw] += o.queued[rw];
            queuedKb[rw] += o.queuedKb[rw];
            queuedB[rw] += o.queuedB[rw];
            dispatched[rw] += o.dispatched[rw];
            dispatchedKb[rw] += o.dispatchedKb[rw];
            dispatchedB[rw] += o.dispatchedB[rw];
            completed[rw] += o.completed[rw];
            completedKb[rw] += o.completedKb[rw];
            completedB[rw] += o.completedB[rw];
            merged[rw] += o.merged[rw];
            mergedKb[rw] += o.mergedKb[rw];
            mergedB[rw] += o.mergedB[rw];
            requeued[rw] += o.requeued[rw];
            pcQueued[rw] += o.pcQueued[rw];
            pcQueuedKb[rw] += o.pcQueuedKb[rw];
            pcQueuedB[rw] += o.pcQueuedB[rw];
            pcDispatched[rw] += o.pcDispatched[rw];
            pcDispatchedKb[rw] += o.pcDispatchedKb[rw];
            pcDispatchedB[rw] += o.pcDispatchedB[rw];
            pcRequeued[rw] += o.pcRequeued[rw];
            pcCompleted[rw] += o.pcCompleted[rw];
        }
        ioUnplugs += o.ioUnplugs;
        timerUnplugs += o.timerUnplugs;
    }
}
