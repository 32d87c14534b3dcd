package org.jblktrace.parse.conformance;

import static org.jblktrace.core.record.Blk.TC_AHEAD;
import static org.jblktrace.core.record.Blk.TC_COMPLETE;
import static org.jblktrace.core.record.Blk.TC_DISCARD;
import static org.jblktrace.core.record.Blk.TC_DRV_DATA;
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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;
import org.jblktrace.parse.conformance.Scenario.OptionSets;

/** The generated traces of the conformance suite, all deterministic. */
final class Scenarios {
    static final long BASE = 5_000_000_000L;
    static final int SDA = Blk.device(8, 0);
    static final String LONG_INPUT_NAME = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Scenarios() {
    }

    /** Every scenario, well-formed ones first. */
    static List<Scenario> all() {
        List<Scenario> list = new ArrayList<>();
        list.add(fixture());
        list.add(allActions(Blk.VERSION_7));
        list.add(lifecycles("lifecycles-2cpu", 2, 160, 11, ByteOrder.LITTLE_ENDIAN));
        list.add(lifecycles("lifecycles-4cpu", 4, 240, 12, ByteOrder.LITTLE_ENDIAN));
        list.add(lifecycles("foreign-endian", 3, 120, 13, ByteOrder.BIG_ENDIAN));
        list.add(lifecycles("lifecycles-8cpu-coarse-pipe", 8, 300, 14, ByteOrder.LITTLE_ENDIAN, 6));
        list.add(tracking("tracking-2cpu", 2, 120, 51, 0));
        list.add(tracking("tracking-4cpu-coarse-pipe", 4, 160, 52, 3));
        list.add(threeDevices());
        list.add(equalTimes());
        list.add(sequenceGaps());
        list.add(hugeValues());
        list.add(longNames());
        list.add(lateProcessName());
        list.add(programNames());
        list.add(skipRatioRounding());
        list.add(emptyFirstCpu());
        list.add(allEmpty());
        list.addAll(damaged());
        return list;
    }

    static Scenario scenario(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
    }

    /**
     * A well-formed scenario run with every option set. {@code maxChunk} 0 makes the pipe stream
     * time-ordered, which life-cycle traces need: blkparse -t in pipe mode reads uninitialised
     * tracking times when a completion is output before its issue (spec Q-BP16).
     */
    private static Scenario full(String name, TraceBuilder b, int maxChunk, long pipeSeed, String... inputs) {
        Map<String, Integer> events = new LinkedHashMap<>();
        for (int dev = 0; dev < inputs.length; dev++) {
            events.put(inputs[dev], b.eventCount(dev));
        }
        return new Scenario(name, b.build(pipeSeed, maxChunk), List.of(inputs), OptionSets.FULL, maxChunk == 0, events);
    }

    /** The two-CPU fixture of spec Appendix A, record for record. */
    static Scenario fixture() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        b.note(sda, 0, 1000, Blk.TN_TIMESTAMP, 0, b.timestampPayload(1700000000, 123456789));
        b.note(sda, 0, 0, Blk.TN_PROCESS, 697, TraceBuilder.commPayload("kjournald"));
        b.note(sda, 0, 0, Blk.TN_PROCESS, 1234, TraceBuilder.commPayload("dd"));
        b.event(sda, 0, BASE, 223490, 4096, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE | TC_FS), 697);
        b.event(sda, 0, BASE + 1500, 223490, 4096, Blk.action(Blk.TA_GETRQ, TC_QUEUE | TC_WRITE | TC_FS), 697);
        b.event(sda, 0, BASE + 2000, 0, 0, Blk.action(Blk.TA_PLUG, TC_QUEUE), 697);
        b.event(sda, 0, BASE + 3000, 223498, 4096, Blk.action(Blk.TA_BACKMERGE, TC_QUEUE | TC_WRITE | TC_FS), 697);
        b.event(sda, 0, BASE + 4000, 223490, 8192, Blk.action(Blk.TA_INSERT, TC_QUEUE | TC_WRITE | TC_FS | TC_SYNC), 697);
        b.event(sda, 0, BASE + 5000, 0, 0, Blk.action(Blk.TA_UNPLUG_IO, TC_QUEUE), 697)
            .setPdu(TraceBuilder.bigEndianLong(1));
        b.event(sda, 0, BASE + 6000, 223490, 8192, Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_WRITE | TC_FS | TC_SYNC), 697);
        int ra = TC_READ | TC_FS | TC_AHEAD;
        b.event(sda, 1, BASE + 2500, 1000, 65536, Blk.action(Blk.TA_QUEUE, TC_QUEUE | ra), 1234);
        b.event(sda, 1, BASE + 2600, 1000, 65536, Blk.action(Blk.TA_GETRQ, TC_QUEUE | ra), 1234);
        b.event(sda, 1, BASE + 2700, 1000, 65536, Blk.action(Blk.TA_INSERT, TC_QUEUE | ra), 1234);
        b.event(sda, 1, BASE + 2800, 1000, 65536, Blk.action(Blk.TA_ISSUE, TC_ISSUE | ra), 1234);
        b.event(sda, 1, BASE + 12000000, 1000, 65536, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | ra), 0);
        b.event(sda, 0, BASE + 13000000, 223490, 8192, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_WRITE | TC_FS | TC_SYNC), 0);
        b.note(sda, 0, BASE + 14000000, Blk.TN_MESSAGE, 1234, "hello world".getBytes(StandardCharsets.US_ASCII));
        b.event(sda, 0, BASE + 15000000, 500, 4096,
            Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE | TC_FS | TC_FLUSH | TC_FUA | TC_SYNC | TC_META), 697);
        b.event(sda, 0, BASE + 16000000, 700, 1048576, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE | TC_FS | TC_DISCARD), 697);
        b.event(sda, 0, BASE + 17000000, 0, 0, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | TC_FLUSH), 697);
        b.event(sda, 1, BASE + 18000000, 0, 36, Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_PC | TC_READ), 1234)
            .setPdu(TraceGenerator.INQUIRY_CDB);
        b.event(sda, 1, BASE + 19000000, 0, 36, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_PC | TC_READ), 1234)
            .setPdu(TraceGenerator.INQUIRY_CDB);
        b.event(sda, 1, BASE + 20000000, 2048, 4096, Blk.action(Blk.TA_REMAP, TC_QUEUE | TC_READ | TC_FS), 1234)
            .setPdu(TraceBuilder.remapPayload(Blk.device(8, 1), SDA, 8));
        b.event(sda, 1, BASE + 21000000, 2048, 8192, Blk.action(Blk.TA_SPLIT, TC_READ | TC_FS), 1234)
            .setPdu(TraceBuilder.bigEndianLong(2056));
        b.event(sda, 1, BASE + 22000000, 4096, 4096, Blk.action(Blk.TA_BOUNCE, TC_READ | TC_FS), 1234);
        b.event(sda, 1, BASE + 23000000, 0, 0, Blk.action(Blk.TA_UNPLUG_TIMER, TC_QUEUE), 0)
            .setPdu(TraceBuilder.bigEndianLong(3));
        b.event(sda, 1, BASE + 24000000, 4096, 4096, Blk.action(Blk.TA_REQUEUE, TC_REQUEUE | TC_READ | TC_FS), 1234);
        b.event(sda, 1, BASE + 25000000, 4096, 4096, Blk.action(Blk.TA_SLEEPRQ, TC_QUEUE | TC_READ | TC_FS), 1234);
        b.event(sda, 1, BASE + 26000000, 4088, 4096, Blk.action(Blk.TA_FRONTMERGE, TC_QUEUE | TC_READ | TC_FS), 1234);
        b.event(sda, 1, BASE + 27000000, 4096, 4096, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_READ | TC_FS), 1234).error = 5;
        b.event(sda, 1, BASE + 28000000, 4096, 0, Blk.action(Blk.TA_ABORT, TC_QUEUE | TC_READ | TC_FS), 1234);
        return full("fixture", b, 4, 1, "sda");
    }

    /**
     * Every action and payload kind in FS and PC flavours, zero-sized and sized, plus many RWBS
     * combinations, driver data, unknown notifies and awkward messages. The same events are
     * produced in version 7 and version 8 (for the v8 equivalence check).
     */
    static Scenario allActions(int version) {
        TraceBuilder b = new TraceBuilder(version, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        b.touchCpu(sda, 1);
        b.note(sda, 0, 10, Blk.TN_TIMESTAMP, 0, b.timestampPayload(1700000000, 999999999));
        b.note(sda, 0, 0, Blk.TN_PROCESS, 100, TraceBuilder.commPayload("fio"));
        b.note(sda, 1, 0, Blk.TN_PROCESS, 101, TraceBuilder.commPayload("kworker/1:1H"));
        b.note(sda, 1, 0, Blk.TN_PROCESS, 100, TraceBuilder.commPayload("ignored-second"));
        long t = BASE;
        // G, I, D, R, C come last and in life-cycle order, so that -t only reads times it set.
        int[] codes = {Blk.TA_QUEUE, Blk.TA_BACKMERGE, Blk.TA_FRONTMERGE, Blk.TA_SLEEPRQ, Blk.TA_PLUG,
            Blk.TA_UNPLUG_IO, Blk.TA_UNPLUG_TIMER, Blk.TA_SPLIT, Blk.TA_BOUNCE, Blk.TA_REMAP, Blk.TA_ABORT,
            Blk.TA_DRV_DATA, Blk.TA_GETRQ, Blk.TA_INSERT, Blk.TA_ISSUE, Blk.TA_REQUEUE, Blk.TA_COMPLETE};
        int[] sizes = {0, 512, 4096, 1 << 20};
        int cpu = 0;
        for (int code : codes) {
            for (int size : sizes) {
                for (int flavour = 0; flavour < 2; flavour++) {
                    int kind = flavour == 0 ? TC_FS : TC_PC;
                    int category = categoryOf(code);
                    TraceRecord r = b.event(sda, cpu, t, 8192 + size, size,
                        Blk.action(code, category | kind | (size > 512 ? TC_WRITE : TC_READ)), 100 + cpu);
                    r.setPdu(payloadFor(code, kind, size));
                    r.error = code == Blk.TA_COMPLETE && size == 512 ? 61 : 0;
                    t += 700;
                    cpu ^= 1;
                }
            }
        }
        int[] flagBits = {TC_FLUSH, TC_FUA, TC_SYNC, TC_META, TC_AHEAD, TC_DISCARD};
        for (int combo = 0; combo < 64; combo++) {
            int flags = 0;
            for (int bit = 0; bit < flagBits.length; bit++) {
                if ((combo & (1 << bit)) != 0) {
                    flags |= flagBits[bit];
                }
            }
            int dir = combo % 3 == 0 ? TC_READ : combo % 3 == 1 ? TC_WRITE : 0;
            int bytes = combo % 2 == 0 ? 0 : 8192;
            b.event(sda, cpu, t, 100_000 + combo * 16, bytes, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | dir | flags), 101);
            t += 900;
            cpu ^= 1;
        }
        b.event(sda, 0, t, 0, 0, Blk.action(Blk.TA_DRV_DATA, TC_DRV_DATA), 100).setPdu(new byte[] {1, 2, 3, 4, 5});
        b.note(sda, 0, t += 100, 7, 100, new byte[] {9, 9});
        b.note(sda, 1, t += 100, Blk.TN_MESSAGE, 55, "before-nul\0after-nul".getBytes(StandardCharsets.ISO_8859_1));
        b.note(sda, 1, t += 100, Blk.TN_MESSAGE, 55, new byte[0]);
        b.note(sda, 0, t += 100, Blk.TN_MESSAGE, 55, "x".repeat(127).getBytes(StandardCharsets.US_ASCII));
        b.note(sda, 0, t += 100, Blk.TN_TIMESTAMP, 0, new byte[] {1, 2, 3});
        b.note(sda, 1, t += 100, Blk.TN_PROCESS, 102, TraceBuilder.commPayload("late-name"));
        b.event(sda, 1, t += 100, 5, 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | TC_WRITE), 102);
        b.event(sda, 1, t += 100, 5, 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | TC_WRITE), 103);
        // The zero-sized split's remainder aliases the request it splits; its completion then makes
        // blkparse 1.3.0 erase a node that is not in its tree.
        return full("all-actions-v" + version, b, 0, 2, "sda").withTracking13Undefined();
    }

    private static int categoryOf(int code) {
        switch (code) {
            case Blk.TA_REQUEUE:
                return TC_REQUEUE;
            case Blk.TA_ISSUE:
                return TC_ISSUE;
            case Blk.TA_COMPLETE:
                return TC_COMPLETE;
            case Blk.TA_SPLIT:
            case Blk.TA_BOUNCE:
                return 0;
            case Blk.TA_DRV_DATA:
                return TC_DRV_DATA;
            default:
                return TC_QUEUE;
        }
    }

    /** The payload the kernel attaches to an action; PC commands carry their CDB. */
    private static byte[] payloadFor(int code, int kind, int size) {
        if (kind == TC_PC) {
            return size == 0 ? new byte[0] : size == 512 ? new byte[16] : TraceGenerator.INQUIRY_CDB;
        }
        switch (code) {
            case Blk.TA_UNPLUG_IO:
            case Blk.TA_UNPLUG_TIMER:
                return TraceBuilder.bigEndianLong(size == 0 ? 0xFFFFFFFFFFL : size / 512);
            case Blk.TA_SPLIT:
                return TraceBuilder.bigEndianLong(8192 + size + 8);
            case Blk.TA_REMAP:
                return TraceBuilder.remapPayload(Blk.device(8, 3), SDA, 123456789L * size);
            case Blk.TA_DRV_DATA:
                return new byte[] {(byte) 0xde, (byte) 0xad};
            default:
                return new byte[0];
        }
    }

    /** Realistic request life cycles on one device, with a time-ordered pipe stream. */
    static Scenario lifecycles(String name, int cpus, int ios, long seed, ByteOrder order) {
        return lifecycles(name, cpus, ios, seed, order, 0);
    }

    /** Life cycles whose pipe stream forwards up to {@code maxChunk} records per CPU visit (0: time-ordered). */
    static Scenario lifecycles(String name, int cpus, int ios, long seed, ByteOrder order, int maxChunk) {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, order);
        int sda = b.device("sda", 8, 0);
        b.note(sda, 0, 77, Blk.TN_TIMESTAMP, 0, b.timestampPayload(1750000000, 5));
        int[] pids = {1201, 1202, 1203, 88, 1300};
        String[] names = {"dd", "dd10", "dd9", "jbd2/sda1-8", null};
        for (int i = 0; i < pids.length; i++) {
            if (names[i] != null) {
                b.note(sda, i % cpus, 0, Blk.TN_PROCESS, pids[i], TraceBuilder.commPayload(names[i]));
            }
        }
        TraceGenerator g = new TraceGenerator(seed);
        long end = g.lifecycles(b, sda, cpus, ios, BASE, pids);
        b.note(sda, cpus - 1, end + 1, Blk.TN_MESSAGE, 1201, "fio: done".getBytes(StandardCharsets.US_ASCII));
        return full(name, b, maxChunk, seed, "sda");
    }

    /**
     * Requests that make -t read times it never set, as real traces do ({@link TraceGenerator#trackingCycles});
     * {@code maxChunk} above 0 lets pipe mode see events out of time order.
     */
    static Scenario tracking(String name, int cpus, int ios, long seed, int maxChunk) {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        int[] pids = {2101, 2102, 2103};
        String[] names = {"dd", "kworker/0:1H", "fio"};
        for (int i = 0; i < pids.length; i++) {
            b.note(sda, i % cpus, 0, Blk.TN_PROCESS, pids[i], TraceBuilder.commPayload(names[i]));
        }
        new TraceGenerator(seed).trackingCycles(b, sda, cpus, ios, BASE, pids);
        Map<String, Integer> events = Map.of("sda", b.eventCount(sda));
        return new Scenario(name, b.build(seed, maxChunk), List.of("sda"), OptionSets.TRACKING, true, events);
    }

    /** Two disks and an md device in one run, overlapping in time. */
    static Scenario threeDevices() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        int sdb = b.device("sdb", 8, 16);
        int md0 = b.device("md0", 9, 0);
        int[] pids = {4001, 4002};
        b.note(sda, 0, 0, Blk.TN_PROCESS, 4001, TraceBuilder.commPayload("postgres"));
        b.note(sdb, 1, 0, Blk.TN_PROCESS, 4002, TraceBuilder.commPayload("postgres"));
        new TraceGenerator(21).lifecycles(b, sda, 2, 60, BASE, pids);
        new TraceGenerator(22).lifecycles(b, sdb, 3, 60, BASE + 3000, pids);
        long t = BASE + 500;
        for (int i = 0; i < 20; i++) {
            int cpu = i % 2;
            long sector = 4096 + 64L * i;
            b.event(md0, cpu, t, sector, 8192, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE | TC_FS), 4001);
            b.event(md0, cpu, t + 1000, sector, 8192, Blk.action(Blk.TA_REMAP, TC_QUEUE | TC_WRITE | TC_FS), 4001)
                .setPdu(TraceBuilder.remapPayload(Blk.device(9, 0), Blk.device(8, 16 * (i % 2)), sector));
            b.event(md0, cpu, t + 40_000, sector, 8192, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_WRITE | TC_FS), 0);
            t += 2000;
        }
        return full("three-devices", b, 0, 3, "sda", "sdb", "md0");
    }

    /** Four CPUs with identical times (spec Q-BP7, Q-BP8). */
    static Scenario equalTimes() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        for (long time : new long[] {1000, 1010, 1020}) {
            for (int cpu = 0; cpu < 4; cpu++) {
                b.event(sda, cpu, time, 100 + cpu, 4096, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_READ | TC_FS), 10 + cpu);
            }
        }
        return full("equal-times", b, 4, 4, "sda");
    }

    /** Sequence numbers with gaps and a late one (spec §3.5 example), plus a second CPU. */
    static Scenario sequenceGaps() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        int[] sequences = {1, 2, 3, 6, 7, 10, 11, 12, 9, 20};
        long t = BASE;
        for (int seq : sequences) {
            b.eventWithSequence(sda, 0, seq, t + seq * 1000L, seq, 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE | TC_FS), 7);
        }
        for (int i = 0; i < 6; i++) {
            b.event(sda, 1, t + 500 + 2000L * i, 900 + i, 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_READ | TC_FS), 8);
        }
        b.eventWithSequence(sda, 1, 3, t + 30_000, 999, 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_READ | TC_FS), 8);
        return full("sequence-gaps", b, 3, 5, "sda");
    }

    /** Values at and beyond the signed 32/64-bit limits, and times before the genesis. */
    static Scenario hugeValues() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int big = b.device("big", 4095, 1048575);
        long t = BASE;
        b.eventWithSequence(big, 0, 0x7FFFFFFF, t, Long.MAX_VALUE, 0xFFFFFE00,
            Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE | TC_FS), 0x80000001);
        b.eventWithSequence(big, 0, 0x80000000, t + 1, -1L, 0x80000000,
            Blk.action(Blk.TA_GETRQ, TC_QUEUE | TC_WRITE | TC_FS), -1);
        b.eventWithSequence(big, 0, 0xFFFFFFFF, t - 5, 1L << 63, -1,
            Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_READ | TC_FS), 1234567).error = 65535;
        b.eventWithSequence(big, 0, 1, t + 3_000_000_000_000_000_000L, 7, 4096,
            Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_READ | TC_FS), 42);
        b.event(big, 1, t + 10, 12, 1 << 30, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_READ | TC_FS), 42);
        b.event(big, 1, t + 11, 12, 0, Blk.action(Blk.TA_UNPLUG_IO, TC_QUEUE), 42).setPdu(TraceBuilder.bigEndianLong(-1L));
        b.event(big, 1, t + 12, 12, 0, Blk.action(Blk.TA_SPLIT, TC_READ), 42).setPdu(TraceBuilder.bigEndianLong(1L << 40));
        b.event(big, 1, t + 13, -2L, 4096, Blk.action(Blk.TA_REMAP, TC_QUEUE | TC_READ | TC_FS), 42)
            .setPdu(TraceBuilder.remapPayload(-1, -1, -1L));
        return full("huge-values", b, 4, 6, "big");
    }

    /** A 62-character input name and process names of 15 and 16 characters. */
    static Scenario longNames() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int dev = b.device(LONG_INPUT_NAME, 259, 0);
        b.note(dev, 0, 0, Blk.TN_PROCESS, 501, TraceBuilder.commPayload("fifteen-chars-x"));
        b.note(dev, 0, 0, Blk.TN_PROCESS, 502, TraceBuilder.commPayload("sixteen-chars-xy"));
        new TraceGenerator(31).lifecycles(b, dev, 2, 20, BASE, new int[] {501, 502});
        return full("long-names", b, 0, 7, LONG_INPUT_NAME);
    }

    /** A PROCESS note after three events of its pid (spec §3.11: visibility depends on -b). */
    static Scenario lateProcessName() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        for (int i = 0; i < 4; i++) {
            if (i == 3) {
                b.note(sda, 0, BASE + 2500, Blk.TN_PROCESS, 64, TraceBuilder.commPayload("late"));
            }
            b.event(sda, 0, BASE + 1000L * i, 8L * i, 4096, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE | TC_FS), 64);
        }
        return full("late-process-name", b, 4, 10, "sda");
    }

    /**
     * Programs whose names sort interestingly under strverscmp (digits, leading zeros, dots,
     * case, an empty name), two pids sharing a name (for -h) and a pid without a name.
     */
    static Scenario programNames() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        String[] names = {"x9", "x10", "x09", "x009", "x0", "x00", "x1.10", "x1.9", "kworker/0:1", "kworker/0:10",
            "kworker/0:2", "a", "A", "", "dup", "dup", "dup2"};
        long t = BASE;
        for (int i = 0; i <= names.length; i++) {
            int pid = 300 + i * 7 % 11 + 20 * i;
            if (i < names.length) {
                b.note(sda, i % 2, 0, Blk.TN_PROCESS, pid, TraceBuilder.commPayload(names[i]));
            }
            int dir = i % 3 == 0 ? TC_READ : TC_WRITE;
            long sector = 4096L + 256 * i;
            b.event(sda, i % 2, t += 1000, sector, 8192, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | dir), pid);
            b.event(sda, i % 2, t += 1000, sector, 8192, Blk.action(Blk.TA_GETRQ, TC_QUEUE | TC_FS | dir), pid);
            b.event(sda, i % 2, t += 1000, sector, 8192, Blk.action(Blk.TA_INSERT, TC_QUEUE | TC_FS | dir), pid);
            b.event(sda, i % 2, t += 1000 * (1 + i), sector, 8192, Blk.action(Blk.TA_ISSUE, TC_ISSUE | TC_FS | dir), pid);
            b.event(sda, (i + 1) % 2, t += 5000 * (1 + i % 4), sector, 8192,
                Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | TC_FS | dir), 0);
        }
        return full("program-names", b, 0, 11, "sda");
    }

    /** One missing sequence number in 400: pipe mode reports 0.25 % skipped, which rounds to "0.2". */
    static Scenario skipRatioRounding() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        for (int seq = 1; seq <= 400; seq++) {
            if (seq != 200) {
                b.eventWithSequence(sda, 0, seq, BASE + 100L * seq, seq, 512, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_READ | TC_FS), 5);
            }
        }
        return full("skip-ratio-rounding", b, 4, 12, "sda");
    }

    /** CPU 0's file is empty; the scan goes on to CPUs 1 and 2. */
    static Scenario emptyFirstCpu() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        b.touchCpu(sda, 0);
        for (int i = 0; i < 10; i++) {
            b.event(sda, 1 + i % 2, BASE + 1000L * i, 64L * i, 4096, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_WRITE | TC_FS), 9);
        }
        return full("empty-first-cpu", b, 4, 8, "sda");
    }

    /** Every file empty; the pipe stream is empty too. */
    static Scenario allEmpty() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        int sda = b.device("sda", 8, 0);
        b.touchCpu(sda, 2);
        return full("all-empty", b, 4, 9, "sda");
    }

    /** Damaged traces: only run with the input-handling option sets, no event count promised. */
    static List<Scenario> damaged() {
        TraceFiles good = lifecycles("base", 2, 30, 41, ByteOrder.LITTLE_ENDIAN).trace();
        byte[] cpu0 = good.files().get("sda.blktrace.0");
        byte[] cpu1 = good.files().get("sda.blktrace.1");
        byte[] pipe = good.pipe();
        // Damage lands on a Q record: losing one never leaves -t reading a time it did not set.
        int recordBoundary = queueRecordOffset(cpu0, 20, ByteOrder.LITTLE_ENDIAN);
        int pipeBoundary = queueRecordOffset(pipe, 25, ByteOrder.LITTLE_ENDIAN);
        List<Scenario> list = new ArrayList<>();
        list.add(damaged("truncated-header", good
            .withFile("sda.blktrace.1", Arrays.copyOf(cpu1, cpu1.length - 20))
            .withPipe(Arrays.copyOf(pipe, pipe.length - 20))));
        byte[] withPayloadLast = withTrailingUnplug(cpu0);
        list.add(damaged("truncated-payload", good
            .withFile("sda.blktrace.0", Arrays.copyOf(withPayloadLast, withPayloadLast.length - 3))
            .withPipe(Arrays.copyOf(withTrailingUnplug(pipe), pipe.length + 56 - 3))));
        byte[] garbage = new byte[37];
        new Random(5).nextBytes(garbage);
        list.add(damaged("garbage-middle", good
            .withFile("sda.blktrace.0", insert(cpu0, recordBoundary, garbage))
            .withPipe(insert(pipe, pipeBoundary, garbage))));
        list.add(damaged("bad-magic", good
            .withFile("sda.blktrace.0", patch(cpu0, recordBoundary, new byte[] {0x07, 0x75, 0x61, 0x64}))
            .withPipe(patch(pipe, pipeBoundary, new byte[] {0x07, 0x75, 0x61, 0x64}))));
        list.add(damaged("unsupported-version", good
            .withFile("sda.blktrace.0", patch(cpu0, recordBoundary, new byte[] {0x06}))
            .withPipe(patch(pipe, pipeBoundary, new byte[] {0x06}))));
        list.add(damaged("cpu-mismatch", good
            .withFile("sda.blktrace.0", patch(cpu0, recordBoundary + 40, new byte[] {5}))
            .withPipe(pipe)));
        TraceFiles bigEndian = lifecycles("base-be", 2, 30, 41, ByteOrder.BIG_ENDIAN).trace();
        list.add(damaged("mixed-endian", good
            .withFile("sda.blktrace.1", bigEndian.files().get("sda.blktrace.1"))
            .withPipe(concat(pipe, bigEndian.pipe()))));
        byte[] bigCpu0 = bigEndian.files().get("sda.blktrace.0");
        byte[] bigCpu1 = bigEndian.files().get("sda.blktrace.1");
        int bigBoundary = queueRecordOffset(bigCpu0, 15, ByteOrder.BIG_ENDIAN);
        int bigPipeBoundary = queueRecordOffset(bigEndian.pipe(), 30, ByteOrder.BIG_ENDIAN);
        list.add(damaged("foreign-endian-damaged", bigEndian
            .withFile("sda.blktrace.0", patch(bigCpu0, bigBoundary, new byte[] {0x65, 0x61, 0x74, 0x06}))
            .withFile("sda.blktrace.1", Arrays.copyOf(bigCpu1, bigCpu1.length - 30))
            .withPipe(Arrays.copyOf(patch(bigEndian.pipe(), bigPipeBoundary, new byte[] {0x64}), bigEndian.pipe().length - 30))));
        byte[] noise = new byte[4000];
        new Random(6).nextBytes(noise);
        list.add(damaged("garbage-only", good.withFile("sda.blktrace.0", noise).withPipe(noise)));
        list.add(damaged("missing-cpu0", good.withoutFile("sda.blktrace.0")));
        list.add(damaged("missing-cpu0-empty-stdin", good.withoutFile("sda.blktrace.0").withPipe(new byte[0])));
        return list;
    }

    private static Scenario damaged(String name, TraceFiles trace) {
        return new Scenario(name, trace, List.of("sda"), OptionSets.INPUT_HANDLING, false, Map.of());
    }

    /** Byte offset of the first QUEUE record at index {@code n} or later in a well-formed v7 stream. */
    static int queueRecordOffset(byte[] stream, int n, ByteOrder order) {
        ByteBuffer buf = ByteBuffer.wrap(stream).order(order);
        int off = 0;
        for (int i = 0; ; i++) {
            long action = buf.getInt(off + 28) & 0xFFFFFFFFL;
            if (i >= n && Blk.code(action) == Blk.TA_QUEUE && (Blk.categories(action) & Blk.TC_NOTIFY) == 0) {
                return off;
            }
            off += Blk.HEADER_V7 + (buf.getShort(off + 46) & 0xFFFF);
        }
    }

    /** The stream with an unplug record (8-byte payload) appended, so that a cut can land in a payload. */
    private static byte[] withTrailingUnplug(byte[] stream) {
        TraceRecord r = new TraceRecord();
        r.sequence = 999;
        r.time = BASE + 10_000_000;
        r.action = Blk.action(Blk.TA_UNPLUG_IO, TC_QUEUE);
        r.device = SDA;
        r.cpu = 0;
        r.setPdu(TraceBuilder.bigEndianLong(2));
        return concat(stream, org.jblktrace.core.record.RecordCodec.toBytes(r, ByteOrder.LITTLE_ENDIAN));
    }

    static byte[] insert(byte[] data, int at, byte[] extra) {
        byte[] out = new byte[data.length + extra.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(data, at, out, at + extra.length, data.length - at);
        return out;
    }

    static byte[] patch(byte[] data, int at, byte[] bytes) {
        byte[] out = data.clone();
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
