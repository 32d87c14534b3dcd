package org.jblktrace.core.parse;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.function.Function;
import org.jblktrace.core.parse.format.EventFormatter;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/**
 * What blkparse does with one event that passed the merge and the filters (its "dump"): the
 * text line, accounting, I/O tracking, and the binary dump; plus the handling of notify records.
 */
final class EventProcessor {
    static final long MESSAGE_ACTION = Blk.notifyAction(Blk.TN_MESSAGE);
    private static final long PROCESS_ACTION = Blk.notifyAction(Blk.TN_PROCESS);
    private static final long TIMESTAMP_ACTION = Blk.notifyAction(Blk.TN_TIMESTAMP);
    static final long NOTIFY_BIT = (long) Blk.TC_NOTIFY << Blk.TC_SHIFT;
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
    private final boolean trackIos;
    private final boolean verbose;
    private final boolean binaryMessages;
    private final ArrayDeque<IoTrack> spareTracks = new ArrayDeque<>();

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
        this.trackIos = opts.trackIos;
        this.verbose = opts.verbose > 0;
        this.binaryMessages = opts.binaryOutputMessages;
    }

    boolean sawDriverData() {
        return sawDriverData;
    }

    static boolean isReadTimeNotify(TraceRecord r) {
        return (r.action & NOTIFY_BIT) != 0 && r.action != MESSAGE_ACTION;
    }

    /** A notify other than a message, consumed when read: names, wall clock, binary dump. */
    void readTimeNotify(TraceRecord r) {
        if (r.action == PROCESS_ACTION) {
            names.register(r.pid, ProcessTable.commOf(r.pdu, r.pduLen));
        } else if (r.action == TIMESTAMP_ACTION && r.pduLen == 8) {
            boolean big = order.value == ByteOrder.BIG_ENDIAN;
            timestampTime = r.time;
            wallSec = payloadU32(r, 0, big);
            wallNsec = payloadU32(r, 4, big);
            formatter.setWallClockBase(wallSec, wallNsec);
        }
        output.writeBinary(r);
    }

    private static long payloadU32(TraceRecord r, int off, boolean bigEndian) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = r.pdu[off + (bigEndian ? i : 3 - i)] & 0xFF;
            v = (v << 8) | b;
        }
        return v;
    }

    /** Pipe mode moves the wall-clock base by the distance from the TIMESTAMP note to genesis. */
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
        if (text != null) {
            if (t.action == MESSAGE_ACTION) {
                TextBuffer b = text.buffer();
                int start = b.length();
                formatter.formatMessage(b, t, t.cpu);
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
        if (binaryMessages || t.action != MESSAGE_ACTION) {
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

    private void pcEvent(TraceRecord t, CpuState pci, DeviceState dev) {
        int w = (t.action & WRITE_BIT) != 0 ? 1 : 0;
        switch (t.code()) {
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
                output.warn("Bad pc action " + Integer.toHexString(t.code()));
                break;
        }
    }

    private void fsEvent(TraceRecord t, CpuState pci, DeviceState dev) {
        int w = (t.action & WRITE_BIT) != 0 ? 1 : 0;
        int code = t.code();
        if (t.version == Blk.VERSION_8 && code >= Blk.TA_ZONE_PLUG && code <= Blk.TA_ZONE_MGMT) {
            zoneEvent(t, pci, code);
            return;
        }
        switch (code) {
            case Blk.TA_QUEUE:
                trackQueue(t, dev);
                account(t, pci, w, IoStats::queue);
                print("Q", t, pci, -1, false);
                break;
            case Blk.TA_INSERT:
                print("I", t, pci, trackInsert(t, dev), false);
                break;
            case Blk.TA_BACKMERGE:
            case Blk.TA_FRONTMERGE:
                account(t, pci, w, IoStats::merge);
                if (code == Blk.TA_FRONTMERGE) {
                    trackFrontMerge(t, dev);
                }
                print(code == Blk.TA_FRONTMERGE ? "F" : "M", t, pci, -1, false);
                break;
            case Blk.TA_GETRQ:
                if (trackIos) {
                    track(dev, t.pid, t.sector).allocationTime = t.time;
                }
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
                print("D", t, pci, trackIssue(t, dev), false);
                break;
            case Blk.TA_COMPLETE:
                dev.retired(w);
                account(t, pci, w, IoStats::complete);
                print("C", t, pci, trackComplete(t, dev), false);
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

    private static long sectors(TraceRecord t) {
        return (t.bytes & 0xFFFFFFFFL) >>> 9;
    }

    /** find-or-create; creating registers "unknown" for a nameless pid. */
    private IoTrack track(DeviceState dev, int pid, long sector) {
        IoTrack iot = dev.tracks.get(sector);
        if (iot == null) {
            iot = spareTracks.isEmpty() ? new IoTrack() : spareTracks.pop();
            iot.creatorPid = pid;
            iot.sector = sector;
            iot.allocationTime = 0;
            iot.queueTime = 0;
            iot.dispatchTime = 0;
            iot.completionTime = 0;
            names.register(pid, ProcessTable.UNKNOWN);
            dev.tracks.add(iot);
        }
        return iot;
    }

    /** md and dm devices: the interesting span is queue to completion, so Q stands in for the issue. */
    private void trackQueue(TraceRecord t, DeviceState dev) {
        int major = Blk.major(dev.dev);
        if (trackIos && (major == 253 || major == 9)) {
            track(dev, t.pid, t.sector).dispatchTime = t.time;
        }
    }

    private long trackInsert(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return -1;
        }
        IoTrack iot = track(dev, t.pid, t.sector);
        iot.queueTime = t.time;
        if (iot.allocationTime == 0) {
            return -1;
        }
        long elapsed = iot.queueTime - iot.allocationTime;
        noteWait(iot, t, elapsed, stats -> stats.longestAllocationWait);
        return elapsed;
    }

    /** The tracked request at {@code sector}; with -v a miss is reported as the reference does. */
    private IoTrack findTrack(DeviceState dev, long sector, String what) {
        IoTrack iot = dev.tracks.get(sector);
        if (iot == null && verbose) {
            output.warn(what + " not found for (" + Blk.major(dev.dev) + "," + Blk.minor(dev.dev) + "): "
                + Long.toUnsignedString(sector));
        }
        return iot;
    }

    /** Keeps, with -s, the longest wait of a kind (per direction) for the request's creator. */
    private void noteWait(IoTrack iot, TraceRecord t, long elapsed, Function<ProgramStats, long[]> kind) {
        ProgramStats p = waitOwner(iot);
        if (p != null) {
            long[] longest = kind.apply(p);
            int w = (t.action & WRITE_BIT) != 0 ? 1 : 0;
            longest[w] = maxUnsigned(longest[w], elapsed);
        }
    }

    private long trackIssue(TraceRecord t, DeviceState dev) {
        if (!trackIos || (t.action & FS_BIT) == 0) {
            return -1;
        }
        IoTrack iot = findTrack(dev, t.sector, "issue");
        if (iot == null) {
            return -1;
        }
        iot.dispatchTime = t.time;
        long elapsed = iot.dispatchTime - iot.queueTime;
        noteWait(iot, t, elapsed, stats -> stats.longestDispatchWait);
        return elapsed;
    }

    private long trackComplete(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return -1;
        }
        IoTrack iot = findTrack(dev, t.sector, "complete");
        if (iot == null) {
            return -1;
        }
        iot.completionTime = t.time;
        long elapsed = iot.completionTime - iot.dispatchTime;
        noteWait(iot, t, elapsed, stats -> stats.longestCompletionWait);
        dev.tracks.remove(iot.sector);
        spareTracks.push(iot);
        return elapsed;
    }

    private void trackFrontMerge(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return;
        }
        long n = sectors(t);
        IoTrack iot = findTrack(dev, t.sector + n, "merge");
        if (iot == null) {
            return;
        }
        dev.tracks.remove(iot.sector);
        iot.sector -= n;
        if (dev.tracks.get(iot.sector) != null) {
            // The reference reports the clash and loses the re-keyed entry.
            output.warn("sector alias (" + Long.toUnsignedString(iot.sector) + ") on device "
                + Blk.major(dev.dev) + "," + Blk.minor(dev.dev) + "!");
            spareTracks.push(iot);
            return;
        }
        dev.tracks.add(iot);
    }

    /** The -s entry the creator of a tracked I/O is counted in (never created here). */
    private ProgramStats waitOwner(IoTrack iot) {
        return programs == null ? null : programs.find(iot.creatorPid);
    }

    private static long maxUnsigned(long a, long b) {
        return Long.compareUnsigned(b, a) > 0 ? b : a;
    }
}
