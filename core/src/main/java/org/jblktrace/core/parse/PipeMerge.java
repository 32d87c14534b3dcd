package org.jblktrace.core.parse;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.jblktrace.core.record.TraceRecord;

/**
 * Pipe mode: events are read in batches, rebased, and kept ordered by (time, device,
 * sequence), later insertions after equal keys, each batch entering in reverse read order.
 * After each batch events are output from the front while every CPU's sequence numbers are
 * contiguous; at the end the rest is forced out and the gaps are recorded as skips.
 */
final class PipeMerge {
    private final Blkparse parse;
    private final EventProcessor events;
    private final RecordReader reader;
    private final long batch;
    private final long stopwatchStart;
    private final long stopwatchEnd;
    private final long displayMask;
    private final ArrayDeque<TraceRecord> spare = new ArrayDeque<>();

    private TraceRecord[] read = new TraceRecord[64];
    private int readCount;
    private TraceRecord[] incoming = new TraceRecord[64];
    private TraceRecord[] pending = new TraceRecord[64];
    private int pendingCount;
    private TraceRecord[] scratch = new TraceRecord[64];
    private long genesis;
    private DeviceState lastDevice;

    PipeMerge(Blkparse parse, RecordReader reader, long batch) {
        this.parse = parse;
        this.events = parse.events();
        this.reader = reader;
        this.batch = batch;
        this.stopwatchStart = parse.options().stopwatchStart;
        this.stopwatchEnd = parse.options().stopwatchEnd;
        this.displayMask = parse.displayMask();
    }

    void run() {
        while (readBatch() > 0) {
            long youngest = sortBatch();
            if (Long.compareUnsigned(youngest, stopwatchEnd) > 0) {
                break;
            }
            show(false);
        }
        if (pendingCount > 0) {
            show(true);
        }
    }

    private TraceRecord take() {
        TraceRecord r = spare.poll();
        return r != null ? r : new TraceRecord();
    }

    private DeviceState device(int dev) {
        if (lastDevice == null || lastDevice.dev != dev) {
            lastDevice = parse.deviceFor(dev);
        }
        return lastDevice;
    }

    /** Up to one batch: the first read waits, later ones stop when no data is at hand. */
    private int readBatch() {
        readCount = 0;
        while (!parse.stopRequested() && readCount < batch) {
            TraceRecord r = take();
            RecordReader.Status status = reader.next(r, readCount == 0);
            if (status == RecordReader.Status.RECORD) {
                if (events.isReadTimeNotify(r)) {
                    events.readTimeNotify(r);
                    spare.push(r);
                    continue;
                }
                if (readCount == read.length) {
                    read = Arrays.copyOf(read, readCount * 2);
                }
                read[readCount++] = r;
                device(r.device);
                continue;
            }
            spare.push(r);
            parse.reportReadProblem(reader, status);
            if (status == RecordReader.Status.BAD_VERSION) {
                continue;
            }
            if (status == RecordReader.Status.READ_ERROR && readCount == 0) {
                return -1;
            }
            break;
        }
        return readCount;
    }

    /** Rebases the batch, drops what the stopwatch excludes, merges the rest; returns the youngest time. */
    private long sortBatch() {
        if (genesis == 0) {
            long g = -1L;
            for (int i = 0; i < readCount; i++) {
                if (Long.compareUnsigned(read[i].time, g) < 0) {
                    g = read[i].time;
                }
            }
            genesis = g;
            events.rebaseWallClock(genesis);
        }
        if (incoming.length < readCount) {
            incoming = new TraceRecord[read.length];
        }
        int n = 0;
        long youngest = 0;
        for (int i = readCount - 1; i >= 0; i--) {
            TraceRecord r = read[i];
            read[i] = null;
            r.time -= genesis;
            if (youngest == 0 || Long.compareUnsigned(r.time, youngest) < 0) {
                youngest = r.time;
            }
            device(r.device).cpu(r.cpu);
            if (Long.compareUnsigned(r.time, stopwatchEnd) >= 0 || Long.compareUnsigned(r.time, stopwatchStart) < 0) {
                events.recordFreed(r);
                spare.push(r);
                continue;
            }
            incoming[n++] = r;
        }
        sort(incoming, n);
        mergeIntoPending(n);
        return youngest;
    }

    private static int compareKeys(TraceRecord a, TraceRecord b) {
        int c = Long.compareUnsigned(a.time, b.time);
        if (c == 0) {
            c = Integer.compareUnsigned(a.device, b.device);
            if (c == 0) {
                c = Integer.compareUnsigned(a.sequence, b.sequence);
            }
        }
        return c;
    }

    /** Stable merge sort of {@code a[0..n)}. */
    private void sort(TraceRecord[] a, int n) {
        if (scratch.length < n) {
            scratch = new TraceRecord[Math.max(n, scratch.length * 2)];
        }
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                if (compareKeys(a[mid - 1], a[mid]) <= 0) {
                    continue;
                }
                System.arraycopy(a, lo, scratch, lo, hi - lo);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    a[k++] = compareKeys(scratch[j], scratch[i]) < 0 ? scratch[j++] : scratch[i++];
                }
                while (i < mid) {
                    a[k++] = scratch[i++];
                }
                while (j < hi) {
                    a[k++] = scratch[j++];
                }
            }
        }
    }

    /** Earlier entries stay in front of later ones with equal keys. */
    private void mergeIntoPending(int n) {
        if (n == 0) {
            return;
        }
        int total = pendingCount + n;
        if (scratch.length < total) {
            scratch = new TraceRecord[Math.max(total, scratch.length * 2)];
        }
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < pendingCount && j < n) {
            scratch[k++] = compareKeys(incoming[j], pending[i]) < 0 ? incoming[j++] : pending[i++];
        }
        while (i < pendingCount) {
            scratch[k++] = pending[i++];
        }
        while (j < n) {
            scratch[k++] = incoming[j++];
        }
        TraceRecord[] merged = scratch;
        scratch = pending.length >= total ? pending : new TraceRecord[total];
        pending = merged;
        pendingCount = total;
        Arrays.fill(incoming, 0, n, null);
    }

    /** Outputs from the front; without {@code force} a sequence gap stops until the next batch. */
    private void show(boolean force) {
        int i = 0;
        while (i < pendingCount) {
            TraceRecord t = pending[i];
            DeviceState dev = device(t.device);
            boolean message = events.isMessage(t);
            CpuState pci = dev.cpu(t.cpu);
            if (!message && sequenceGap(pci, t, force)) {
                break;
            }
            dev.lastReportedTime = t.time;
            if (!message) {
                pci.lastSequence = t.sequence & 0xFFFFFFFFL;
            }
            pci.taken++;
            if ((t.action & displayMask) != 0) {
                events.dump(t, pci, dev);
            }
            events.recordFreed(t);
            spare.push(t);
            i++;
        }
        System.arraycopy(pending, i, pending, 0, pendingCount - i);
        Arrays.fill(pending, pendingCount - i, pendingCount, null);
        pendingCount -= i;
    }

    /** True when output must wait; when forced, records the gap instead. */
    private static boolean sequenceGap(CpuState pci, TraceRecord t, boolean force) {
        long expected = pci.lastSequence + 1;
        long seq = t.sequence & 0xFFFFFFFFL;
        if (expected == 0 || seq == expected) {
            return false;
        }
        if (!force) {
            return true;
        }
        if (!pci.skips.fill(seq) && Long.compareUnsigned(expected, seq) < 0) {
            pci.skips.insert(expected, seq - 1);
        }
        return false;
    }
}
