package org.jblktrace.core.parse;

import java.util.function.Function;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/**
 * Request tracking as blkparse 1.3.0 does it. A request's times start unset; every device
 * tracks from Q on; a split adds a node for the remainder's sector to the request, and the
 * completion, which names the last part, is moved back to the request's first sector with the
 * length of the whole. Setting a time that is already set prints
 * {@code (M,m) request SECTOR + BYTES: } on stdout and {@code confused about KIND time} on
 * stderr, with no newline on either, as blkparse does.
 *
 * <p>Where blkparse erases a node from its tree that an alias had kept out of it, it corrupts
 * its own memory (a crash, a hang or anything); ours leaves such a node alone.
 */
final class RequestTracking13 implements RequestTracker {
    private static final long UNSET = -1;
    private static final long WRITE_BIT = (long) Blk.TC_WRITE << Blk.TC_SHIFT;
    private static final long FS_BIT = (long) Blk.TC_FS << Blk.TC_SHIFT;

    /** One request: its creator and the times of its stages. */
    private static final class Request {
        final int creatorPid;
        long allocationTime = UNSET;
        long queueTime = UNSET;
        long dispatchTime = UNSET;
        long completionTime = UNSET;
        final Node first;

        Request(int creatorPid, long sector) {
            this.creatorPid = creatorPid;
            this.first = new Node(this, sector);
        }
    }

    /** A sector of a request in the tree: its start, or the start of a split-off remainder. */
    private static final class Node {
        final Request request;
        long sector;
        Node next;
        /** False once an alias kept the node out of the tree. */
        boolean inTree;

        Node(Request request, long sector) {
            this.request = request;
            this.sector = sector;
        }
    }

    private final ParseOutput output;
    private final ProcessTable names;
    private final ProgramTable programs;
    private final boolean trackIos;
    private final boolean verbose;

    RequestTracking13(ParseOptions opts, ParseOutput output, ProcessTable names, ProgramTable programs) {
        this.output = output;
        this.names = names;
        this.programs = programs;
        this.trackIos = opts.trackIos;
        this.verbose = opts.verbose > 0;
    }

    @SuppressWarnings("unchecked")
    private static SectorMap<Node> tree(DeviceState dev) {
        if (dev.tracks == null) {
            dev.tracks = new SectorMap<Node>();
        }
        return (SectorMap<Node>) dev.tracks;
    }


    /** Links a node into the tree; an occupied sector is reported and the node stays out. */
    private void insert(DeviceState dev, Node node) {
        SectorMap<Node> tree = tree(dev);
        if (tree.get(node.sector) != null) {
            output.warn("sector alias (" + Long.toUnsignedString(node.sector) + ") on device "
                + Blk.major(dev.dev) + "," + Blk.minor(dev.dev) + "!");
            node.inTree = false;
            return;
        }
        tree.add(node.sector, node);
        node.inTree = true;
    }

    /** find-or-create; creating registers "unknown" for a nameless pid. */
    private Node track(DeviceState dev, int pid, long sector) {
        Node node = tree(dev).get(sector);
        if (node == null) {
            names.register(pid, ProcessTable.UNKNOWN);
            node = new Request(pid, sector).first;
            insert(dev, node);
        }
        return node;
    }

    private Node find(DeviceState dev, TraceRecord t, long sector, String what) {
        Node node = tree(dev).get(sector);
        if (node == null && verbose) {
            output.warn(what + " not found for (" + Blk.major(t.device) + "," + Blk.minor(t.device) + "): "
                + Long.toUnsignedString(sector));
        }
        return node;
    }

    /** The stage's time must still be unset; otherwise blkparse complains (see the class comment). */
    private void expectUnset(TraceRecord t, long time, String kind) {
        if (time != UNSET) {
            output.cStdout("(" + Blk.major(t.device) + "," + Blk.minor(t.device) + ") request "
                + Long.toUnsignedString(t.sector) + " + " + Integer.toUnsignedString(t.bytes) + ": ");
            output.warnPartial("confused about " + kind + " time");
        }
    }

    @Override
    public void queue(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return;
        }
        Request r = track(dev, t.pid, t.sector).request;
        expectUnset(t, r.dispatchTime, "dispatch");
        r.dispatchTime = t.time;
    }

    @Override
    public void getRequest(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return;
        }
        Request r = track(dev, t.pid, t.sector).request;
        expectUnset(t, r.allocationTime, "allocation");
        r.allocationTime = t.time;
    }

    @Override
    public long insert(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return -1;
        }
        Request r = track(dev, t.pid, t.sector).request;
        expectUnset(t, r.queueTime, "queue");
        r.queueTime = t.time;
        if (r.allocationTime == UNSET) {
            return -1;
        }
        long elapsed = r.queueTime - r.allocationTime;
        noteWait(r, t, elapsed, p -> p.longestAllocationWait);
        return elapsed;
    }

    @Override
    public long issue(TraceRecord t, DeviceState dev) {
        if (!trackIos || (t.action & FS_BIT) == 0) {
            return -1;
        }
        Node node = find(dev, t, t.sector, "issue");
        if (node == null) {
            return -1;
        }
        Request r = node.request;
        expectUnset(t, r.dispatchTime, "dispatch");
        r.dispatchTime = t.time;
        long elapsed = r.queueTime != UNSET ? r.dispatchTime - r.queueTime : -1;
        if (elapsed != -1) {
            noteWait(r, t, elapsed, p -> p.longestDispatchWait);
        }
        return elapsed;
    }

    @Override
    public void beforeComplete(TraceRecord t, DeviceState dev) {
        if (dev.tracks == null) {
            return;
        }
        Node node = tree(dev).get(t.sector);
        if (node == null) {
            return;
        }
        long start = node.request.first.sector;
        t.bytes += (int) ((t.sector - start) << 9);
        t.sector = start;
    }

    @Override
    public long complete(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return -1;
        }
        Node node = find(dev, t, t.sector, "complete");
        if (node == null) {
            return -1;
        }
        Request r = node.request;
        expectUnset(t, r.completionTime, "completion");
        r.completionTime = t.time;
        long elapsed = r.dispatchTime != UNSET ? r.completionTime - r.dispatchTime : -1;
        if (elapsed != -1) {
            noteWait(r, t, elapsed, p -> p.longestCompletionWait);
        }
        SectorMap<Node> tree = tree(dev);
        for (Node n = r.first; n != null; n = n.next) {
            if (n.inTree) {
                tree.remove(n.sector);
                n.inTree = false;
            }
        }
        return elapsed;
    }

    @Override
    public void frontMerge(TraceRecord t, DeviceState dev) {
        if (!trackIos) {
            return;
        }
        long n = (t.bytes & 0xFFFFFFFFL) >>> 9;
        Node node = find(dev, t, t.sector + n, "merge");
        if (node == null) {
            return;
        }
        tree(dev).remove(node.sector);
        node.sector -= n;
        insert(dev, node);
    }

    @Override
    public void split(TraceRecord t, DeviceState dev) {
        Node node = track(dev, t.pid, t.sector);
        Node remainder = new Node(node.request, node.sector + ((t.bytes & 0xFFFFFFFFL) >>> 9));
        remainder.next = node.next;
        node.next = remainder;
        insert(dev, remainder);
    }

    @Override
    public void recordFreed(TraceRecord r) {
        // 1.3.0 sets every time it reads.
    }

    /** Keeps, with -s, the longest wait of a kind (per direction) for the request's creator. */
    private void noteWait(Request r, TraceRecord t, long elapsed, Function<ProgramStats, long[]> kind) {
        ProgramStats p = programs == null ? null : programs.find(r.creatorPid);
        if (p != null) {
            long[] longest = kind.apply(p);
            int w = (t.action & WRITE_BIT) != 0 ? 1 : 0;
            if (Long.compareUnsigned(elapsed, longest[w]) > 0) {
                longest[w] = elapsed;
            }
        }
    }
}
