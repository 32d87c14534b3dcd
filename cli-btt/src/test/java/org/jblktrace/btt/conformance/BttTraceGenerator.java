package org.jblktrace.btt.conformance;

import static org.jblktrace.core.record.Blk.TC_COMPLETE;
import static org.jblktrace.core.record.Blk.TC_FS;
import static org.jblktrace.core.record.Blk.TC_ISSUE;
import static org.jblktrace.core.record.Blk.TC_QUEUE;
import static org.jblktrace.core.record.Blk.TC_READ;
import static org.jblktrace.core.record.Blk.TC_REQUEUE;
import static org.jblktrace.core.record.Blk.TC_SYNC;
import static org.jblktrace.core.record.Blk.TC_WRITE;

import java.util.Random;
import org.jblktrace.core.record.TraceRecord;
import org.jblktrace.core.record.Blk;

/**
 * Seeded request life cycles with everything btt follows: several devices, a device-mapper
 * volume remapping onto them, merges, splits, requeues, plugs and unplugs, sleeps, messages,
 * process names, and the cases where Debian 12's and 13's btt part ways: requests that
 * overlap or nest, and a second request at a start sector still in flight.
 */
final class BttTraceGenerator {
    static final long TICK = 1000;
    static final int SDA = Blk.device(8, 0);
    static final int SDB = Blk.device(8, 16);
    static final int DM = Blk.device(253, 0);

    private final Random random;
    private final DumpBuilder dump;
    private final int[] pids = {1001, 1002, 1003, 2001};
    private final String[] names = {"fio", "dd", "kworker/2:1", "postgres"};

    BttTraceGenerator(long seed, DumpBuilder dump) {
        this.random = new Random(seed);
        this.dump = dump;
    }

    /** {@code ios} requests from {@code start} ns, with the given share (percent) of odd cases. */
    void generate(int ios, long start, int oddPercent, boolean remaps) {
        long t = start;
        for (int i = 0; i < pids.length; i++) {
            if (random.nextInt(4) != 0) {
                dump.process(t, pids[i], names[i]);
            }
        }
        dump.process(t, 0, "swapper");
        long[] next = {4096, 8192, 1 << 20};
        for (int io = 0; io < ios; io++) {
            t += TICK * (1 + random.nextInt(40));
            if (random.nextInt(100) < 2) {
                // A pause longer than the default range delta starts a new activity period.
                t += 150_000_000L + random.nextInt(1_000_000);
            }
            int pid = pids[random.nextInt(pids.length)];
            int flags = (random.nextBoolean() ? TC_READ : TC_WRITE) | (random.nextInt(4) == 0 ? TC_SYNC : 0);
            int which = random.nextInt(2);
            int dev = which == 0 ? SDA : SDB;
            int sectors = 8 * (1 + random.nextInt(32));
            long sector;
            boolean odd = random.nextInt(100) < oddPercent;
            if (odd && random.nextBoolean()) {
                // Overlapping or nested: inside or across the previous request.
                sector = next[which] - random.nextInt(64) - 8;
            } else {
                sector = next[which] + (random.nextInt(3) == 0 ? 8L * random.nextInt(1000) : 0);
            }
            next[which] = sector + sectors;
            boolean viaDm = remaps && random.nextInt(100) < 25;
            if (viaDm) {
                long dmSector = next[2];
                next[2] += sectors + 8;
                dump.add(t, DM, 1, dmSector, sectors * 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | flags), pid);
                t += TICK;
                TraceRecord a = dump.add(t, dev, 1, sector, sectors * 512,
                        Blk.action(Blk.TA_REMAP, TC_QUEUE | TC_FS | flags), pid);
                a.setPdu(DumpBuilder.remapPayload(DM, dev, dmSector));
                t += TICK;
                lifecycle(t, dev, sector, sectors, flags, pid, odd);
                long dmDone = t + TICK * (20 + random.nextInt(300));
                dump.add(dmDone, DM, 0, dmSector, sectors * 512, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_FS | flags), 0);
            } else {
                lifecycle(t, dev, sector, sectors, flags, pid, odd);
            }
            if (random.nextInt(100) < 3) {
                dump.message(t + TICK / 2, dev, pid, "note " + io);
            }
            if (random.nextInt(100) < 3) {
                // A flush without data: btt skips zero-sized events.
                dump.add(t + TICK / 3, dev, 0, 0, 0, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE), pid);
            }
            if (random.nextInt(100) < 2) {
                dump.add(t + TICK / 4, dev, 0, 0, 4096, Blk.action(Blk.TA_QUEUE, TC_QUEUE | Blk.TC_PC | TC_READ), pid);
            }
        }
    }

    private void lifecycle(long t, int dev, long sector, int sectors, int flags, int pid, boolean odd) {
        int bytes = sectors * 512;
        long q = Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | flags);
        boolean plugged = random.nextInt(100) < 25;
        if (plugged) {
            dump.add(t, dev, 0, 0, 0, Blk.action(Blk.TA_PLUG, TC_QUEUE), pid);
        }
        dump.add(t, dev, 0, sector, bytes, q, pid);
        if (odd && random.nextInt(3) == 0) {
            // A second request at the same start sector while the first is in flight.
            dump.add(t + TICK / 2, dev, 0, sector, bytes / 2 == 0 ? 512 : bytes / 2, q, pid);
        }
        int roll = random.nextInt(100);
        if (roll < 5) {
            t += TICK;
            dump.add(t, dev, 0, sector, bytes, Blk.action(Blk.TA_SLEEPRQ, TC_QUEUE | TC_FS | flags), pid);
        }
        if (roll < 15 && sectors > 8) {
            // A split: the first part goes on alone; btt sees the X and ignores it.
            t += TICK;
            TraceRecord x = dump.add(t, dev, 0, sector, bytes, Blk.action(Blk.TA_SPLIT, TC_QUEUE | TC_FS | flags), pid);
            x.setPdu(DumpBuilder.bigEndianLong(sector + 8));
        }
        t += TICK;
        dump.add(t, dev, 0, sector, bytes, Blk.action(Blk.TA_GETRQ, TC_QUEUE | TC_FS | flags), pid);
        t += TICK;
        dump.add(t, dev, 0, sector, bytes, Blk.action(Blk.TA_INSERT, TC_QUEUE | TC_FS | flags), pid);
        int total = sectors;
        long first = sector;
        if (roll >= 15 && roll < 35) {
            int extra = 8 * (1 + random.nextInt(4));
            t += TICK;
            dump.add(t, dev, 0, sector + total, extra * 512, q, pid);
            dump.add(t, dev, 0, sector + total, extra * 512, Blk.action(Blk.TA_BACKMERGE, TC_QUEUE | TC_FS | flags), pid);
            total += extra;
        } else if (roll >= 35 && roll < 45) {
            int extra = 8 * (1 + random.nextInt(4));
            t += TICK;
            first -= extra;
            dump.add(t, dev, 0, first, extra * 512, q, pid);
            dump.add(t, dev, 0, first, extra * 512, Blk.action(Blk.TA_FRONTMERGE, TC_QUEUE | TC_FS | flags), pid);
            total += extra;
        }
        if (plugged) {
            t += TICK;
            boolean timer = random.nextInt(4) == 0;
            TraceRecord u = dump.add(t, dev, 0, 0, 0, Blk.action(timer ? Blk.TA_UNPLUG_TIMER : Blk.TA_UNPLUG_IO, TC_QUEUE),
                    timer ? 0 : pid);
            u.setPdu(DumpBuilder.bigEndianLong(1 + random.nextInt(30)));
        }
        t += TICK * (1 + random.nextInt(20));
        long d = Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_FS | flags);
        dump.add(t, dev, 0, first, total * 512, d, pid);
        if (random.nextInt(100) < 4) {
            t += TICK;
            dump.add(t, dev, 0, first, total * 512, Blk.action(Blk.TA_REQUEUE, TC_REQUEUE | TC_FS | flags), pid);
            t += TICK;
            dump.add(t, dev, 0, first, total * 512, d, pid);
        }
        long done = t + TICK * (2 + random.nextInt(random.nextInt(10) == 0 ? 5000 : 300));
        long c = Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_FS | flags);
        if (odd && random.nextInt(4) == 0 && total > 16) {
            // Completed in two parts (as after a split): neither part covers the whole request.
            dump.add(done, dev, 1, first, 8 * 512, c, 0);
            dump.add(done + TICK, dev, 1, first + 8, (total - 8) * 512, c, 0);
        } else {
            dump.add(done, dev, random.nextInt(2), first, total * 512, c, random.nextInt(5) == 0 ? pid : 0);
        }
    }

    /** A generated dump: seed, size, share of odd cases, remaps. */
    static byte[] dump(long seed, int ios, int oddPercent, boolean remaps, int version, java.nio.ByteOrder order) {
        DumpBuilder b = new DumpBuilder(version, order);
        new BttTraceGenerator(seed, b).generate(ios, 1_000_000L, oddPercent, remaps);
        return b.build();
    }

    /**
     * The dump of {@link #dump} in version 8 with zone write plugging and zone management
     * events added, which btt has no latency for.
     */
    static byte[] dumpWithZoneActions(long seed, int ios, int oddPercent) {
        DumpBuilder b = new DumpBuilder(Blk.VERSION_8, java.nio.ByteOrder.LITTLE_ENDIAN);
        new BttTraceGenerator(seed, b).generate(ios, 1_000_000L, oddPercent, true);
        Random zones = new Random(seed);
        for (int i = 0; i < ios / 4; i++) {
            long t = 1_000_000L + zones.nextInt(2_000_000_000);
            int code = Blk.TA_ZONE_PLUG + zones.nextInt(3);
            long categories = code == Blk.TA_ZONE_MGMT ? Blk.TC_ZONE_RESET : Blk.TC_WRITE | Blk.TC_ZONE_APPEND;
            b.add(t, zones.nextBoolean() ? SDA : SDB, 0, 524288L * zones.nextInt(8), 4096,
                    (code & 0xFFFFL) | (categories << Blk.TC_SHIFT), 1001);
        }
        return b.build();
    }

    /** Writes a dump to a file: SEED IOS ODD_PERCENT REMAPS(0|1) FILE. */
    public static void main(String[] args) throws java.io.IOException {
        byte[] bytes = dump(Long.parseLong(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                args[3].equals("1"), Blk.VERSION_7, java.nio.ByteOrder.LITTLE_ENDIAN);
        java.nio.file.Files.write(java.nio.file.Path.of(args[4]), bytes);
    }
}
