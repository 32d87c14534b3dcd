package org.jblktrace.core.parse;

import java.nio.ByteOrder;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.parse.format.EventFormatter;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/**
 * What blkparse does with one event that passed the merge and the filters (its "dump"): the
 * text line, accounting, I/O tracking, and the binary dump; plus the handling of notify records.
 */
final class EventProcessor {
    private static final long MESSAGE_ACTION = Blk.notifyAction(Blk.TN_MESSAGE);
    private static final long PROCESS_ACTION = Blk.notifyAction(Blk.TN_PROCESS);
    private static final long TIMESTAMP_ACTION = Blk.notifyAction(Blk.TN_TIMESTAMP);
    static final long NOTIFY_BIT = (long) Blk.TC_NOTIFY << Blk.TC_SHIFT;
    /** Set by newer kernels on actions and notes that carry a cgroup id before their payload. */
    private static final long CGROUP_BIT = Blk.TA_CGROUP;
    private static final long PC_BIT = (long) Blk.TC_PC << Blk.TC_SHIFT;
    private static final long FS_BIT = (long) Blk.TC_FS << Blk.TC_SHIFT;
    private static final long WRITE_BIT = (long) Blk.TC_WRITE << Blk.TC_SHIFT;
    private static final long NS_PER_SEC = 1_000_000_000L;

    private final ParseOutput output;
    private final StdioStream text;
    private final EventFormatter formatter;
    private final ProcessTable names;
    private final ProgramTable programs;
    private final TraceOrder order;
    private final boolean binaryMessages;
    /** blkparse 1.3.0 and later: cgroup-flagged actions and notes are understood. */
    private final boolean cgroupAware;
    private final RequestTracker tracker;

    private boolean sawDriverData;
    private long wallSec;
    private long wallNsec;
    private long timestampTime;

    EventProcessor(ParseOptions opts, ParseOutput output, EventFormatter formatter, ProcessTable names,
                   ProgramTable programs, TraceOrder order) {
        this.output = output;
        this.text = output.text();
        this.formatter = formatter;
        this.names = names;
        this.programs = programs;
        this.order = order;
        this.binaryMessages = opts.binaryOutputMessages;
        this.cgroupAware = opts.compat != Compat.V1_2;
        this.tracker = opts.compat == Compat.V1_2 ? new RequestTracking12(opts, output, names, programs)
            : new RequestTracking13(opts, output, names, programs);
    }

    boolean sawDriverData() {
        return sawDriverData;
    }

    /** The action word as the release compares it with notify and action codes. */
    private long withoutCgroup(long action) {
        return cgroupAware ? action & ~CGROUP_BIT : action;
    }

    /** A message note: an event like the others, shown as an "m" line. */
    boolean isMessage(TraceRecord r) {
        return withoutCgroup(r.action) == MESSAGE_ACTION;
    }

    /** A notify other than a message, which is consumed when read instead of being an event. */
    boolean isReadTimeNotify(TraceRecord r) {
        return (r.action & NOTIFY_BIT) != 0 && !isMessage(r);
    }

    /** A notify other than a message, consumed when read: names, wall clock, binary dump. */
    void readTimeNotify(TraceRecord r) {
        long action = withoutCgroup(r.action);
        if (action == PROCESS_ACTION) {
            names.register(r.pid, ProcessTable.commOf(r.pdu, r.pduLen));
        } else if (action == TIMESTAMP_ACTION && r.pduLen == 8) {
            boolean big = order.value == ByteOrder.BIG_ENDIAN;
            timestampTime = r.time;
            wallSec = payloadU32(r, 0, big);
            wallNsec = payloadU32(r, 4, big);
            formatter.setWallClockBase(wallSec, wallNsec);
        }
        output.writeBinary(r);
    }

    /**
     * blkparse frees the record now: file mode a read-time notify when read, pipe mode every other
     * record once shown or dropped by the stopwatch (pipe mode never frees read-time notifies).
     */
    void recordFreed(TraceRecord r) {
        tracker.recordFreed(r);
    }

    private static long payloadU32(TraceRecord r, int off, boolean bigEndian) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = r.pdu[off + (bigEndian ? i : 3 - i)] & 0xFF;
            v = (v << 8) | b;
        }
        return v;
    }

    /** The wall-clock second the trace started at, as blkparse 1.3.0's last statistics line shows it. */
    long startSeconds() {
        return wallSec;
    }

    /**
     * Moves the wall-clock base by the distance from the TIMESTAMP note to genesis: in pipe
     * mode, and since blkparse 1.3.0 in file mode too.
     */
    void rebaseWallClock(long genesis) {
        if (timestampTime == 0 || timestampTime == genesis) {
            return;
        }
        long delta = genesis - timestampTime;
        wallSec += Long.divideUnsigned(delta, NS_PER_SEC);
        wallNsec += Long.remainderUnsigned(delta, NS_PER_SEC);
        if (wallNsec > NS_PER_SEC) {
            wallNsec -= NS_PER_SEC;
            wallSec++;
        }
        formatter.setWallClockBase(wallSec, wallNsec);
    }

    /** Text, accounting and tracking (unless -O), event counting and the binary dump. */
    void dump(TraceRecord t, CpuState pci, DeviceState dev) {
        boolean message = isMessage(t);
        if (text != null) {
            if (message) {
                TextBuffer b = text.buffer();
                int start = b.length();
                formatter.formatMessage(b, t, t.cpu, cgroupAware);
                text.appended(start);
            } else if ((t.action & PC_BIT) != 0) {
                pcEvent(t, pci, dev);
            } else {
                fsEvent(t, pci, dev);
            }
        }
        if (dev.events == 0) {
            dev.firstReportedTime = t.time;
        }
        dev.events++;
        if (binaryMessages || !message) {
            output.writeBinary(t);
        }
    }

    private void print(String act, TraceRecord t, CpuState pci, long elapsed, boolean pdu) {
        TextBuffer b = text.buffer();
        int start = b.length();
        try {
            formatter.format(b, act, t, pci.cpu, elapsed, pdu);
        } finally {
            text.appended(start);
        }
    }

    private IoStats programStats(TraceRecord t) {
        return programs == null ? null : programs.statsFor(t.pid);
    }

    /** One accounting step: direction (1 = write) and byte count into a set of counters. */
    @FunctionalInterface
    private interface Accounting {
        void add(IoStats stats, int w, int bytes);
    }

    private static final Accounting PC_COMPLETE = (stats, w, bytes) -> stats.pcComplete(w);
    private static final Accounting IO_UNPLUG = (stats, w, bytes) -> stats.unplug(false);
    private static final Accounting TIMER_UNPLUG = (stats, w, bytes) -> stats.unplug(true);

    /** Applies one step to the CPU's counters and, with -s, to the program's. */
    private void account(TraceRecord t, CpuState pci, int w, Accounting step) {
        step.add(pci.io, w, t.bytes);
        IoStats p = programStats(t);
        if (p != null) {
            step.add(p, w, t.bytes);
        }
    }

    /** The action code, without the cgroup flag where the release knows it. */
    private int code(TraceRecord t) {
        return cgroupAware ? t.code() & ~Blk.TA_CGROUP : t.code();
    }

    private void pcEvent(TraceRecord t, CpuState pci, DeviceState dev) {
        int w = (t.action & WRITE_BIT) != 0 ? 1 : 0;
        int code = code(t);
        switch (code) {
            case Blk.TA_QUEUE:
                print("Q", t, pci, -1, false);
                account(t, pci, w, IoStats::pcQueue);
                break;
            case Blk.TA_GETRQ:
                print("G", t, pci, -1, false);
                break;
            case Blk.TA_SLEEPRQ:
                print("S", t, pci, -1, false);
                break;
            case Blk.TA_REQUEUE:
                dev.retired(w);
                account(t, pci, w, IoStats::pcRequeue);
                print("R", t, pci, -1, false);
                break;
            case Blk.TA_ISSUE:
                account(t, pci, w, IoStats::pcIssue);
                dev.issued(w);
                print("D", t, pci, -1, true);
                break;
            case Blk.TA_COMPLETE:
                dev.retired(w);
                print("C", t, pci, -1, true);
                account(t, pci, w, PC_COMPLETE);
                break;
            case Blk.TA_INSERT:
                print("I", t, pci, -1, true);
                break;
            default:
                output.warn("Bad pc action " + Integer.toHexString(code));
                break;
        }
    }

    private void fsEvent(TraceRecord t, CpuState pci, DeviceState dev) {
        int w = (t.action & WRITE_BIT) != 0 ? 1 : 0;
        int code = code(t);
        if (t.version == Blk.VERSION_8 && code >= Blk.TA_ZONE_PLUG && code <= Blk.TA_ZONE_MGMT) {
            zoneEvent(t, pci, code);
            return;
        }
        switch (code) {
            case Blk.TA_QUEUE:
                tracker.queue(t, dev);
                account(t, pci, w, IoStats::queue);
                print("Q", t, pci, -1, false);
                break;
            case Blk.TA_INSERT:
                print("I", t, pci, tracker.insert(t, dev), false);
                break;
            case Blk.TA_BACKMERGE:
            case Blk.TA_FRONTMERGE:
                account(t, pci, w, IoStats::merge);
                if (code == Blk.TA_FRONTMERGE) {
                    tracker.frontMerge(t, dev);
                }
                print(code == Blk.TA_FRONTMERGE ? "F" : "M", t, pci, -1, false);
                break;
            case Blk.TA_GETRQ:
                tracker.getRequest(t, dev);
                print("G", t, pci, -1, false);
                break;
            case Blk.TA_SLEEPRQ:
                print("S", t, pci, -1, false);
                break;
            case Blk.TA_REQUEUE:
                dev.retired(w);
                account(t, pci, w, IoStats::requeue);
                print("R", t, pci, -1, false);
                break;
            case Blk.TA_ISSUE:
                account(t, pci, w, IoStats::issue);
                dev.issued(w);
                print("D", t, pci, tracker.issue(t, dev), false);
                break;
            case Blk.TA_COMPLETE:
                dev.retired(w);
                tracker.beforeComplete(t, dev);
                account(t, pci, w, IoStats::complete);
                print("C", t, pci, tracker.complete(t, dev), false);
                break;
            case Blk.TA_PLUG:
                print("P", t, pci, -1, false);
                break;
            case Blk.TA_UNPLUG_IO:
            case Blk.TA_UNPLUG_TIMER:
                boolean timer = code == Blk.TA_UNPLUG_TIMER;
                account(t, pci, w, timer ? TIMER_UNPLUG : IO_UNPLUG);
                print(timer ? "UT" : "U", t, pci, -1, false);
                break;
            case Blk.TA_SPLIT:
                tracker.split(t, dev);
                print("X", t, pci, -1, false);
                break;
            case Blk.TA_BOUNCE:
                print("B", t, pci, -1, false);
                break;
            case Blk.TA_REMAP:
                print("A", t, pci, -1, false);
                break;
            case Blk.TA_DRV_DATA:
                sawDriverData = true;
                break;
            default:
                output.warn("Bad fs action " + Long.toHexString(t.action));
                break;
        }
    }

    /** Version 8 zone write plugging: ZP like a plug, ZU like an IO unplug, ZM like a generic action. */
    private void zoneEvent(TraceRecord t, CpuState pci, int code) {
        if (code == Blk.TA_ZONE_UNPLUG) {
            account(t, pci, 0, IO_UNPLUG);
            print("ZU", t, pci, -1, false);
        } else {
            print(code == Blk.TA_ZONE_PLUG ? "ZP" : "ZM", t, pci, -1, false);
        }
    }

}
