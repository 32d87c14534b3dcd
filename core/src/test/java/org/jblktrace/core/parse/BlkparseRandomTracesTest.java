package org.jblktrace.core.parse;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random traces (ties, gaps, notes, odd actions) compared with Debian's blkparse of each release in
 * both modes under varied options. Tracking is left out: the reference reads uninitialised
 * times for requests it saw no G for.
 */
class BlkparseRandomTracesTest {
    private static final String F = Harness.FORMAT;
    private static final String[][] OPTIONS = {
        {}, {"-b", "1"}, {"-b", "2", "-s"}, {"-b", "3", "-s", "-h"}, {"-q", "-s"}, {"-A", "81"},
        {"-w", "0.000002:0.000005"}, {"-b", "5", "-A", "402"}, {"-v"},
    };

    @TempDir
    Path dir;

    @Test
    void randomTracesMatchTheReference() throws Exception {
        for (int seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            List<List<TraceRecord>> streams = new ArrayList<>();
            List<String> inputs = new ArrayList<>();
            int devices = 1 + rnd.nextInt(2);
            for (int d = 0; d < devices; d++) {
                String name = "d" + seed + "x" + d;
                inputs.add(name);
                int cpus = 1 + rnd.nextInt(3);
                for (int cpu = 0; cpu < cpus; cpu++) {
                    List<TraceRecord> list = stream(rnd, Blk.device(8, 16 * d), cpu);
                    streams.add(list);
                    TraceFiles t = new TraceFiles();
                    list.forEach(t::add);
                    t.write(dir.resolve(name + ".blktrace." + cpu));
                }
            }
            String[] extra = OPTIONS[seed % OPTIONS.length];
            List<String> fileArgs = new ArrayList<>(List.of("-f", F));
            fileArgs.addAll(List.of(extra));
            for (String in : inputs) {
                fileArgs.add("-i");
                fileArgs.add(in);
            }
            fileArgs.addAll(0, List.of("-d", "dump.bin"));
            Harness.sameFiles(dir, null, List.of("dump.bin"), fileArgs.toArray(new String[0]));

            byte[] piped = interleave(rnd, streams);
            List<String> pipeArgs = new ArrayList<>(List.of("-f", F));
            pipeArgs.addAll(List.of(extra));
            pipeArgs.addAll(List.of("-i", "-"));
            pipeArgs.addAll(0, List.of("-d", "dump.bin"));
            Harness.sameFiles(dir, piped, List.of("dump.bin"), pipeArgs.toArray(new String[0]));
        }
    }

    private static List<TraceRecord> stream(Random rnd, int dev, int cpu) {
        List<TraceRecord> list = new ArrayList<>();
        long time = 1_000_000L + rnd.nextInt(3) * 1000L;
        int seq = 0;
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            time += rnd.nextInt(10) == 0 ? -1500L : rnd.nextInt(4) * 1000L;
            int kind = rnd.nextInt(20);
            if (kind == 0) {
                TraceRecord r = TraceFiles.record(0, time, 0, 0, Blk.notifyAction(Blk.TN_PROCESS), 100 + rnd.nextInt(4), dev, cpu);
                r.setPdu(java.util.Arrays.copyOf(("p" + rnd.nextInt(12)).getBytes(), 16));
                list.add(r);
                continue;
            }
            if (kind == 1) {
                TraceRecord r = TraceFiles.record(0, time, 0, 0, Blk.notifyAction(Blk.TN_MESSAGE), 1, dev, cpu);
                r.setPdu(("note " + i).getBytes());
                list.add(r);
                continue;
            }
            int jump = rnd.nextInt(12);
            seq += jump == 0 ? 2 : jump == 1 ? -2 : jump == 2 ? 0x7FFFFFF0 : 1;
            int code = 1 + rnd.nextInt(17);
            int categories = rnd.nextInt(1 << 16) & ~Blk.TC_NOTIFY;
            if (rnd.nextBoolean()) {
                categories = Blk.TC_QUEUE | Blk.TC_FS | (rnd.nextBoolean() ? Blk.TC_WRITE : Blk.TC_READ);
            }
            TraceRecord r = TraceFiles.record(seq, time, rnd.nextInt(64) * 8L, rnd.nextInt(4) * 4096 + rnd.nextInt(2) * 700,
                Blk.action(code, categories), 100 + rnd.nextInt(5), dev, cpu);
            if (code == Blk.TA_UNPLUG_IO || code == Blk.TA_UNPLUG_TIMER || code == Blk.TA_SPLIT) {
                r.setPdu(TraceFiles.be64(rnd.nextInt(9)));
            } else if (code == Blk.TA_REMAP) {
                r.setPdu(new byte[16]);
            }
            list.add(r);
        }
        return list;
    }

    /** All streams merged into one pipe, in random chunks but each stream in order. */
    private static byte[] interleave(Random rnd, List<List<TraceRecord>> streams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] next = new int[streams.size()];
        int left = streams.stream().mapToInt(List::size).sum();
        while (left > 0) {
            int s = rnd.nextInt(streams.size());
            int chunk = 1 + rnd.nextInt(4);
            for (int k = 0; k < chunk && next[s] < streams.get(s).size(); k++, left--) {
                out.writeBytes(RecordCodec.toBytes(streams.get(s).get(next[s]++), java.nio.ByteOrder.LITTLE_ENDIAN));
            }
        }
        return out.toByteArray();
    }
}
