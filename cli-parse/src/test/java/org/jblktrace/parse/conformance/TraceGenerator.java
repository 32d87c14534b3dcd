package org.jblktrace.parse.conformance;

import static org.jblktrace.core.record.Blk.TC_AHEAD;
import static org.jblktrace.core.record.Blk.TC_COMPLETE;
import static org.jblktrace.core.record.Blk.TC_FLUSH;
import static org.jblktrace.core.record.Blk.TC_FS;
import static org.jblktrace.core.record.Blk.TC_FUA;
import static org.jblktrace.core.record.Blk.TC_ISSUE;
import static org.jblktrace.core.record.Blk.TC_META;
import static org.jblktrace.core.record.Blk.TC_PC;
import static org.jblktrace.core.record.Blk.TC_QUEUE;
import static org.jblktrace.core.record.Blk.TC_READ;
import static org.jblktrace.core.record.Blk.TC_REQUEUE;
import static org.jblktrace.core.record.Blk.TC_SYNC;
import static org.jblktrace.core.record.Blk.TC_WRITE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/**
 * Seeded generator of realistic request life cycles (Q, merges, G, I, plug/unplug, D,
 * requeue, C, PC commands, errors) for one device spread over several CPUs.
 *
 * <p>In {@link #lifecycles} every tracked request goes G then I then D then C at strictly
 * increasing times and on its own sector range, so blkparse -t never reads a tracking time it
 * did not set. {@link #trackingCycles} does what real kernels do instead.
 */
final class TraceGenerator {
    /** Times are multiples of this, so that events on different CPUs often share a time. */
    static final long TICK = 1000;
    static final byte[] INQUIRY_CDB = {0x12, 0, 0, 0, 0x24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    static final byte[] READ10_CDB = {0x28, 0, 0, 0, 0x10, 0, 0, 0, 8, 0};

    private final Random random;

    TraceGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** One event before it is handed to the builder in time order. */
    private record Planned(long time, int cpu, long sector, int bytes, long action, int pid, int error,
                           byte[] pdu, int order) {
    }

    /**
     * Adds {@code ios} requests for {@code pids} on device {@code dev} over {@code cpus} CPUs
     * starting at {@code start} ns; returns the time of the last event.
     */
    long lifecycles(TraceBuilder b, int dev, int cpus, int ios, long start, int[] pids) {
        List<Planned> plan = new ArrayList<>();
        long[] clock = new long[cpus];
        Arrays.fill(clock, start);
        long nextSector = 2048;
        for (int io = 0; io < ios; io++) {
            int cpu = random.nextInt(cpus);
            int pid = pids[random.nextInt(pids.length)];
            long t = clock[cpu] + TICK * (1 + random.nextInt(3));
            clock[cpu] = t;
            if (random.nextInt(100) < 4) {
                t = pcCommand(plan, cpu, t, pid, cpus);
                clock[cpu] = t;
                continue;
            }
            boolean write = random.nextBoolean();
            int flags = (write ? TC_WRITE : TC_READ)
                | (random.nextInt(100) < 30 ? TC_SYNC : 0)
                | (random.nextInt(100) < 10 ? TC_META : 0)
                | (!write && random.nextInt(100) < 15 ? TC_AHEAD : 0)
                | (write && random.nextInt(100) < 5 ? TC_FUA : 0)
                | (write && random.nextInt(100) < 5 ? TC_FLUSH : 0);
            long gap = 64 + 8L * random.nextInt(8);
            long sector = nextSector + gap;
            int sectors = 8 * (1 + random.nextInt(16));
            nextSector = sector + sectors + 64;
            boolean plugged = random.nextInt(100) < 20;
            if (plugged) {
                add(plan, t, cpu, 0, 0, Blk.action(Blk.TA_PLUG, TC_QUEUE), pid, 0, null);
            }
            add(plan, t, cpu, sector, sectors * 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | flags), pid, 0, null);
            if (random.nextInt(100) < 5) {
                t += TICK;
                add(plan, t, cpu, sector, sectors * 512, Blk.action(Blk.TA_SLEEPRQ, TC_QUEUE | TC_FS | flags), pid, 0, null);
            }
            t += TICK;
            add(plan, t, cpu, sector, sectors * 512, Blk.action(Blk.TA_GETRQ, TC_QUEUE | TC_FS | flags), pid, 0, null);
            t += TICK;
            add(plan, t, cpu, sector, sectors * 512, Blk.action(Blk.TA_INSERT, TC_QUEUE | TC_FS | flags), pid, 0, null);
            int roll = random.nextInt(100);
            if (roll < 20) {
                int extra = 8 * (1 + random.nextInt(4));
                t += TICK;
                long at = sector + sectors;
                add(plan, t, cpu, at, extra * 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | flags), pid, 0, null);
                add(plan, t, cpu, at, extra * 512, Blk.action(Blk.TA_BACKMERGE, TC_QUEUE | TC_FS | flags), pid, 0, null);
                sectors += extra;
            } else if (roll < 30) {
                int extra = 8 * (1 + random.nextInt(4));
                t += TICK;
                sector -= extra;
                add(plan, t, cpu, sector, extra * 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | flags), pid, 0, null);
                add(plan, t, cpu, sector, extra * 512, Blk.action(Blk.TA_FRONTMERGE, TC_QUEUE | TC_FS | flags), pid, 0, null);
                sectors += extra;
            }
            if (plugged) {
                t += TICK;
                int unplug = random.nextInt(100) < 20 ? Blk.TA_UNPLUG_TIMER : Blk.TA_UNPLUG_IO;
                add(plan, t, cpu, 0, 0, Blk.action(unplug, TC_QUEUE), unplug == Blk.TA_UNPLUG_TIMER ? 0 : pid, 0,
                    TraceBuilder.bigEndianLong(1 + random.nextInt(3)));
            }
            t += TICK * (1 + random.nextInt(5));
            add(plan, t, cpu, sector, sectors * 512, Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_FS | flags), pid, 0, null);
            if (random.nextInt(100) < 5) {
                t += TICK;
                add(plan, t, cpu, sector, sectors * 512, Blk.action(Blk.TA_REQUEUE, TC_REQUEUE | TC_FS | flags), pid, 0, null);
                t += TICK;
                add(plan, t, cpu, sector, sectors * 512, Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_FS | flags), pid, 0, null);
            }
            clock[cpu] = Math.max(clock[cpu], t - TICK * 3);
            long done = t + TICK * (2 + random.nextInt(200));
            int completer = random.nextInt(cpus);
            int error = random.nextInt(100) < 3 ? 5 : 0;
            add(plan, done, completer, sector, sectors * 512, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_FS | flags), 0, error, null);
        }
        return emit(b, dev, plan);
    }

    /**
     * Requests as blk-mq and real devices produce them, for -t: issues without an insert, inserts
     * without an allocation, requeues, front and back merges into a queued request, sectors used
     * again by later requests, splits, remaps and messages with payloads, and completions on
     * another CPU, some stamped before their issue. blkparse 1.2.0 reads for such a request the
     * times its memory kept from a freed request or record; four complete requests come first and
     * at most three are in flight, so that this memory is always one ours knows (the rest of the
     * heap differs between environments; ReferenceTrackingTest checks that the reference's output
     * does not depend on it).
     */
    long trackingCycles(TraceBuilder b, int dev, int cpus, int ios, long start, int[] pids) {
        List<Planned> plan = new ArrayList<>();
        List<Long> used = new ArrayList<>();
        long period = TICK * 12;
        for (int io = 0; io < ios; io++) {
            long t = start + period * io + (io < 4 ? 0 : period * 4);
            int cpu = random.nextInt(cpus);
            int pid = pids[random.nextInt(pids.length)];
            int fs = TC_FS | (random.nextBoolean() ? TC_WRITE : TC_READ | TC_SYNC);
            // A sector used again is one whose request has completed: the last three may still be in flight.
            long sector = io >= 8 && random.nextInt(100) < 25 ? used.get(random.nextInt(used.size() - 3))
                : 4096 + 512L * io;
            used.add(sector);
            int sectors = 8 * (1 + random.nextInt(8));
            int kind = io < 4 ? 0 : random.nextInt(8);
            if (kind == 6) {
                add(plan, t, cpu, sector, sectors * 512, Blk.action(Blk.TA_REMAP, TC_QUEUE | fs), pid, 0,
                    TraceBuilder.remapPayload(Blk.device(8, 1), Blk.device(8, 0), sector - 2048));
            }
            add(plan, t + TICK, cpu, sector, sectors * 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | fs), pid, 0, null);
            if (kind == 7) {
                // The bio is split: blkparse 1.3.0 tracks the remainder's sector as part of this request.
                int first = sectors / 2 > 0 ? 4 : sectors;
                add(plan, t + TICK, cpu, sector, first * 512, Blk.action(Blk.TA_SPLIT, fs), pid, 0,
                    TraceBuilder.bigEndianLong(sector + first));
            }
            if (kind != 2) {
                add(plan, t + 2 * TICK, cpu, sector, sectors * 512, Blk.action(Blk.TA_GETRQ, TC_QUEUE | fs), pid, 0, null);
            }
            long issueSector = sector;
            if (kind != 1) {
                add(plan, t + 3 * TICK, cpu, sector, sectors * 512, Blk.action(Blk.TA_INSERT, TC_QUEUE | fs), pid, 0, null);
                if (kind == 3) {
                    add(plan, t + 4 * TICK, cpu, sector + sectors, 4096, Blk.action(Blk.TA_QUEUE, TC_QUEUE | fs), pid, 0, null);
                    add(plan, t + 4 * TICK, cpu, sector + sectors, 4096, Blk.action(Blk.TA_BACKMERGE, TC_QUEUE | fs), pid, 0, null);
                    sectors += 8;
                } else if (kind == 4) {
                    issueSector = sector - 8;
                    add(plan, t + 4 * TICK, cpu, issueSector, 4096, Blk.action(Blk.TA_QUEUE, TC_QUEUE | fs), pid, 0, null);
                    add(plan, t + 4 * TICK, cpu, issueSector, 4096, Blk.action(Blk.TA_FRONTMERGE, TC_QUEUE | fs), pid, 0, null);
                    sectors += 8;
                }
            }
            int issuer = random.nextInt(cpus);
            long issue = t + 5 * TICK;
            long action = Blk.action(Blk.TA_ISSUE, TC_ISSUE | fs);
            add(plan, issue, issuer, issueSector, sectors * 512, action, pid, 0, null);
            if (kind == 5) {
                add(plan, issue + TICK, issuer, issueSector, sectors * 512, Blk.action(Blk.TA_REQUEUE, TC_REQUEUE | fs), pid, 0, null);
                issue += 3 * TICK;
                add(plan, issue, issuer, issueSector, sectors * 512, action, pid, 0, null);
            }
            // Completions run on another CPU, whose clock may be a little behind the issuer's.
            long done = io >= 4 && random.nextInt(100) < 15 ? issue - 300 : issue + TICK * (1 + random.nextInt(20));
            add(plan, done, (issuer + 1) % cpus, issueSector, sectors * 512,
                Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | fs), 0, 0, null);
            if (random.nextInt(100) < 10) {
                add(plan, done + 1, issuer, 0, 0, Blk.notifyAction(Blk.TN_MESSAGE), pid, 0,
                    ("done " + io).repeat(2).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        return emit(b, dev, plan);
    }

    /** A SCSI pass-through command: PC Q, G, I, D, C with a CDB payload. */
    private long pcCommand(List<Planned> plan, int cpu, long t, int pid, int cpus) {
        boolean write = random.nextBoolean();
        int dir = write ? TC_WRITE : TC_READ;
        byte[] cdb = write ? READ10_CDB.clone() : INQUIRY_CDB;
        if (write) {
            cdb[0] = 0x2a;
        }
        int bytes = write ? 4096 : 36;
        add(plan, t, cpu, 0, bytes, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_PC | dir), pid, 0, cdb);
        add(plan, t += TICK, cpu, 0, bytes, Blk.action(Blk.TA_GETRQ, TC_QUEUE | TC_PC | dir), pid, 0, cdb);
        add(plan, t += TICK, cpu, 0, bytes, Blk.action(Blk.TA_INSERT, TC_QUEUE | TC_PC | dir), pid, 0, cdb);
        add(plan, t += TICK, cpu, 0, bytes, Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_PC | dir), pid, 0, cdb);
        add(plan, t + TICK * 50, random.nextInt(cpus), 0, bytes, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_PC | dir), 0, 0, cdb);
        return t;
    }

    private static void add(List<Planned> plan, long time, int cpu, long sector, int bytes, long action, int pid,
                            int error, byte[] pdu) {
        plan.add(new Planned(time, cpu, sector, bytes, action, pid, error, pdu, plan.size()));
    }

    /** Hands the planned events to the builder per CPU in time order (stable); returns the last time. */
    private static long emit(TraceBuilder b, int dev, List<Planned> plan) {
        plan.sort(Comparator.comparingLong(Planned::time).thenComparingInt(Planned::order));
        long last = 0;
        for (Planned p : plan) {
            TraceRecord r = b.event(dev, p.cpu, p.time, p.sector, p.bytes, p.action, p.pid);
            r.error = p.error;
            if (p.pdu != null) {
                r.setPdu(p.pdu);
            }
            last = p.time;
        }
        return last;
    }
}
