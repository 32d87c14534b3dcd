package org.jblktrace.core.parse;

import java.util.function.Function;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/**
 * Request tracking as blkparse 1.2.0 does it: only md and dm devices track from Q on, splits
 * are not tracked, and the times of a new request are whatever its memory held before
 * ({@link FreedBlocks12}).
 */
final class RequestTracking12 implements RequestTracker {
    private static final long WRITE_BIT = (long) Blk.TC_WRITE << Blk.TC_SHIFT;
    private static final long FS_BIT = (long) Blk.TC_FS << Blk.TC_SHIFT;

    private final ParseOutput output;
    private final ProcessTable names;
    private final ProgramTable programs;
    private final boolean trackIos;
    private final boolean verbose;
    private final FreedBlocks12 freed = new FreedBlocks12();

    RequestTracking12(ParseOptions opts, ParseOutput output, ProcessTable names, ProgramTable programs) {
        this.output = output;
        this.names = names;
        this.programs = programs;
        this.trackIos = opts.trackIos;
        this.verbose = opts.verbose > 0;
    }

    @SuppressWarnings("unchecked")
    private static SectorMap<IoTrack> tree(DeviceState dev) {
        if (dev.tracks == null) {
            dev.tracks = new SectorMap<IoTrack>();
        }
        return (SectorMap<IoTrack>) dev.tracks;
    }

    /** find-or-create; creating registers "unknown" for a nameless pid. */
    private IoTrack track(DeviceState dev, int pid, long sector) {
        IoTrack iot = tree(dev).get(sector);
        if (iot == null) {
            iot = new IoTrack();
            long[] stale = freed.take();
            iot.allocationTime = stale[0];
            iot.queueTime = stale[1];
            iot.dispatchTime = stale[2];
            iot.creatorPid = pid;
            iot.sector = sector;
            names.register(pid, ProcessTable.UNKNOWN);
            tree(dev).add(sector, iot);
        }
        return iot;
    }

    /** The tracked request at {@code sector}; with -v a miss is reported as the reference does. */
    private IoTrack find(DeviceState dev, long sector, String what) {
        IoTrack iot = tree(dev).get(sector);
        if (iot == null && verbose) {
            output.warn(what + " not found for (" + Blk.major(dev.dev) + "," + Blk.minor(dev.dev) + "): "
                + Long.toUnsignedString(sector));
        }
        return iot;
    }

    @Override
    public void queue(TraceRecord t, DeviceState dev) {
        int major = Blk.major(dev.dev);
        if (trackIos && (major == 253 || major == 9)) {
            track(dev, t.pid, t.sector).dispatchTime = t.time;
        }
    }

    @Override
    public void getRequest(TraceRecord t, DeviceState dev) {
        if (trackIos) {
            track(dev, t.pid, t.sector).allocationTime = t.time;
        }
    }

    @Override
    public long insert(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return -1;
        }
        IoTrack iot = track(dev, t.pid, t.sector);
        iot.queueTime = t.time;
        if (iot.allocationTime == 0) {
            return -1;
        }
        long elapsed = iot.queueTime - iot.allocationTime;
        noteWait(iot, t, elapsed, p -> p.longestAllocationWait);
        return elapsed;
    }

    @Override
    public long issue(TraceRecord t, DeviceState dev) {
        if (!trackIos || (t.action & FS_BIT) == 0) {
            return -1;
        }
        IoTrack iot = find(dev, t.sector, "issue");
        if (iot == null) {
            return -1;
        }
        iot.dispatchTime = t.time;
        long elapsed = iot.dispatchTime - iot.queueTime;
        noteWait(iot, t, elapsed, p -> p.longestDispatchWait);
        return elapsed;
    }

    @Override
    public void beforeComplete(TraceRecord t, DeviceState dev) {
        // Not in 1.2.0.
    }

    @Override
    public long complete(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return -1;
        }
        IoTrack iot = find(dev, t.sector, "complete");
        if (iot == null) {
            return -1;
        }
        iot.completionTime = t.time;
        long elapsed = iot.completionTime - iot.dispatchTime;
        noteWait(iot, t, elapsed, p -> p.longestCompletionWait);
        tree(dev).remove(iot.sector);
        freed.free(iot);
        return elapsed;
    }

    @Override
    public void frontMerge(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return;
        }
        long n = (t.bytes & 0xFFFFFFFFL) >>> 9;
        IoTrack iot = find(dev, t.sector + n, "merge");
        if (iot == null) {
            return;
        }
        tree(dev).remove(iot.sector);
        iot.sector -= n;
        if (tree(dev).get(iot.sector) != null) {
            // The reference reports the clash and loses the re-keyed entry.
            output.warn("sector alias (" + Long.toUnsignedString(iot.sector) + ") on device "
                + Blk.major(dev.dev) + "," + Blk.minor(dev.dev) + "!");
            return;
        }
        tree(dev).add(iot.sector, iot);
    }

    @Override
    public void split(TraceRecord t, DeviceState dev) {
        // Not in 1.2.0.
    }

    @Override
    public void recordFreed(TraceRecord r) {
        if (trackIos) {
            freed.free(r);
        }
    }

    /** Keeps, with -s, the longest wait of a kind (per direction) for the request's creator. */
    private void noteWait(IoTrack iot, TraceRecord t, long elapsed, Function<ProgramStats, long[]> kind) {
        ProgramStats p = programs == null ? null : programs.find(iot.creatorPid);
        if (p != null) {
            long[] longest = kind.apply(p);
            int w = (t.action & WRITE_BIT) != 0 ? 1 : 0;
            if (Long.compareUnsigned(elapsed, longest[w]) > 0) {
                longest[w] = elapsed;
            }
        }
    }
}
