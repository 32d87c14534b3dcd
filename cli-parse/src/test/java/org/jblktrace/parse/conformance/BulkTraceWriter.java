package org.jblktrace.parse.conformance;

import static org.jblktrace.core.record.Blk.TC_COMPLETE;
import static org.jblktrace.core.record.Blk.TC_FS;
import static org.jblktrace.core.record.Blk.TC_ISSUE;
import static org.jblktrace.core.record.Blk.TC_QUEUE;
import static org.jblktrace.core.record.Blk.TC_READ;
import static org.jblktrace.core.record.Blk.TC_SYNC;
import static org.jblktrace.core.record.Blk.TC_WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/**
 * Writes large benchmark traces quickly: devices {@code sda} and {@code sdb}, 4 CPU files
 * each, realistic life cycles (Q, sometimes a back merge, G, I, sometimes plug/unplug, D, C
 * a few requests later), one reused record and one buffer per file. Each stream is
 * time-ordered on its own, and the streams overlap in time so the merge has work to do.
 */
final class BulkTraceWriter {
    static final String[] DEVICES = {"sda", "sdb"};
    static final int CPUS = 4;
    private static final int IN_FLIGHT = 8;
    private static final int[] PIDS = {2001, 2002, 2003, 2004};

    private final FileChannel out;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.nativeOrder());
    private final TraceRecord r = new TraceRecord();
    /** Events still to write; records past the quota are dropped, so a stream may end mid-request. */
    private long remaining;

    private BulkTraceWriter(FileChannel out, int device, int cpu, long events) {
        this.out = out;
        this.remaining = events;
        r.device = device;
        r.cpu = cpu;
    }

    /** Writes {@code events} events in total (notes not counted) into {@code dir}. */
    static void write(Path dir, long events, long seed) throws IOException {
        int streams = DEVICES.length * CPUS;
        for (int s = 0; s < streams; s++) {
            long share = events / streams + (s < events % streams ? 1 : 0);
            String name = DEVICES[s / CPUS] + ".blktrace." + (s % CPUS);
            writeStream(dir.resolve(name), Blk.device(8, 16 * (s / CPUS)), s % CPUS, share, seed * 31 + s);
        }
    }

    private static void writeStream(Path file, int device, int cpu, long events, long seed) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            new BulkTraceWriter(out, device, cpu, events).writeLifecycles(new SplittableRandom(seed));
        }
    }

    private void writeLifecycles(SplittableRandom random) throws IOException {
        for (int i = 0; i < PIDS.length; i++) {
            note(r, PIDS[i], "bench" + i);
            encode();
        }
        long[] flightSector = new long[IN_FLIGHT];
        int[] flightBytes = new int[IN_FLIGHT];
        int[] flightFlags = new int[IN_FLIGHT];
        int head = 0;
        int inFlight = 0;
        long time = 1_000_000_000L + r.cpu * 37L + (r.device & 0xFF) * 11L;
        long sector = 1_000_000L * (r.cpu + 1);
        int sequence = 0;
        while (remaining > 0) {
            time += 200 + random.nextInt(800);
            if (inFlight == IN_FLIGHT) {
                int slot = head;
                head = (head + 1) % IN_FLIGHT;
                inFlight--;
                io(r, ++sequence, time, flightSector[slot], flightBytes[slot],
                    Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_FS | flightFlags[slot]), 0);
                put();
                continue;
            }
            int pid = PIDS[random.nextInt(PIDS.length)];
            int flags = (random.nextBoolean() ? TC_WRITE : TC_READ) | (random.nextInt(4) == 0 ? TC_SYNC : 0);
            int bytes = 4096 * (1 + random.nextInt(32));
            sector += 2048;
            long action = Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | flags);
            io(r, ++sequence, time, sector, bytes, action, pid);
            put();
            if (random.nextInt(5) == 0) {
                io(r, ++sequence, time += 100, sector + bytes / 512, 4096, action, pid);
                put();
                io(r, ++sequence, time, sector + bytes / 512, 4096, Blk.action(Blk.TA_BACKMERGE, TC_QUEUE | TC_FS | flags), pid);
                put();
                bytes += 4096;
            }
            io(r, ++sequence, time += 100, sector, bytes, Blk.action(Blk.TA_GETRQ, TC_QUEUE | TC_FS | flags), pid);
            put();
            io(r, ++sequence, time += 100, sector, bytes, Blk.action(Blk.TA_INSERT, TC_QUEUE | TC_FS | flags), pid);
            put();
            if (random.nextInt(8) == 0) {
                io(r, ++sequence, time += 100, 0, 0, Blk.action(Blk.TA_UNPLUG_IO, TC_QUEUE), pid);
                r.setPdu(TraceBuilder.bigEndianLong(1 + inFlight));
                put();
            }
            io(r, ++sequence, time += 100, sector, bytes, Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_FS | flags), pid);
            put();
            int slot = (head + inFlight) % IN_FLIGHT;
            flightSector[slot] = sector;
            flightBytes[slot] = bytes;
            flightFlags[slot] = flags;
            inFlight++;
        }
        flush();
    }

    private static void io(TraceRecord r, int sequence, long time, long sector, int bytes, long action, int pid) {
        r.sequence = sequence;
        r.time = time;
        r.sector = sector;
        r.bytes = bytes;
        r.action = action;
        r.pid = pid;
        r.pduLen = 0;
    }

    private static void note(TraceRecord r, int pid, String name) {
        io(r, 0, 0, 0, 0, Blk.notifyAction(Blk.TN_PROCESS), pid);
        r.setPdu(TraceBuilder.commPayload(name));
    }

    /** Writes the current record as one event, unless the quota is used up. */
    private void put() throws IOException {
        if (remaining > 0) {
            remaining--;
            encode();
        }
    }

    private void encode() throws IOException {
        if (buf.remaining() < r.encodedSize()) {
            flush();
        }
        RecordCodec.encode(r, buf);
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }
}
