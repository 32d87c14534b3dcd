package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.record.Blk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File mode byte-compared with Debian's blkparse of each release, using a custom format of every field. */
class BlkparseFileModeTest {
    private static final String F = Harness.FORMAT;
    private static final int Q = Blk.TC_QUEUE;
    private static final int W = Blk.TC_WRITE;
    private static final int R = Blk.TC_READ;
    private static final int FS = Blk.TC_FS;

    @TempDir
    Path dir;

    @Test
    void appendixFixture() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.Result r = Harness.same(dir, "-f", F, "-i", "sda");
        assertTrue(r.out().endsWith("Input file sda.blktrace.0 added\nInput file sda.blktrace.1 added\n"));
    }

    @Test
    void appendixFixtureWithTrackingAndProgramStats() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.same(dir, "-f", F, "-t", "-i", "sda");
        Harness.same(dir, "-f", F, "-s", "-i", "sda");
        Harness.same(dir, "-f", F, "-t", "-s", "-i", "sda");
        Harness.same(dir, "-f", F, "-t", "-s", "-h", "-q", "-i", "sda");
        Harness.same(dir, "-f", F, "-q", "-i", "sda");
    }

    @Test
    void elapsedTimesReachTheFormatter() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.same(dir, "-f", F, "-F", "C,%S %u\\n", "-t", "-i", "sda");
    }

    @Test
    void missingElapsedValueExitsWithStatusOne() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.Result r = Harness.same(dir, "-f", F, "-F", "C,%S %u\\n", "-i", "sda");
        assertEquals(1, r.status());
    }

    @Test
    void invalidEscapeExitsWithStatusOne() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.same(dir, "-f", F, "-F", "D,%S\\q", "-i", "sda");
    }

    @Test
    void equalTimesMergeInTheReferenceOrder() throws Exception {
        for (int cpu = 0; cpu < 4; cpu++) {
            TraceFiles t = new TraceFiles();
            for (int i = 0; i < 3; i++) {
                t.event(cpu, i + 1, 1000 + 10 * i, 8 * i, 4096, Blk.TA_QUEUE, Q | W | FS, 100 + cpu);
            }
            t.write(dir.resolve("sda.blktrace." + cpu));
        }
        Harness.Result r = Harness.same(dir, "-f", "%c\\n", "-i", "sda");
        assertTrue(r.out().startsWith("0\n3\n2\n1\n1\n2\n3\n0\n0\n3\n2\n1\n"));
        Harness.same(dir, "-f", "%c\\n", "-b", "1", "-i", "sda");
        Harness.same(dir, "-f", "%c\\n", "-b", "2", "-i", "sda");
    }

    @Test
    void interleavedCpusAndDevices() throws Exception {
        for (String dev : new String[] {"sda", "sdb"}) {
            for (int cpu = 0; cpu < 3; cpu++) {
                TraceFiles t = new TraceFiles();
                for (int i = 0; i < 40; i++) {
                    long time = 1_000_000L * i + 37L * cpu + (dev.equals("sdb") ? 5 : 0) + (i % 3) * 500_000L;
                    int code = i % 4 == 0 ? Blk.TA_QUEUE : i % 4 == 1 ? Blk.TA_ISSUE : i % 4 == 2 ? Blk.TA_COMPLETE : Blk.TA_GETRQ;
                    t.eventOn(Blk.device(dev.equals("sda") ? 8 : 9, 16), cpu, i + 1, time, 8L * i, 4096 * (1 + i % 5), code,
                        (i % 2 == 0 ? W : R) | FS | (code == Blk.TA_ISSUE ? Blk.TC_ISSUE : code == Blk.TA_COMPLETE ? Blk.TC_COMPLETE : Q), 10 + i % 3);
                }
                t.write(dir.resolve(dev + ".blktrace." + cpu));
            }
        }
        Harness.same(dir, "-f", F, "-i", "sda", "-i", "sdb");
        Harness.same(dir, "-f", F, "-b", "3", "-s", "-t", "sdb", "sda");
        Harness.same(dir, "-f", F, "-A", "2", "-i", "sda", "-i", "sdb");
    }

    @Test
    void processNamesBecomeVisiblePerBatch() throws Exception {
        TraceFiles t = new TraceFiles();
        t.event(0, 1, 10, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 42);
        t.event(0, 2, 20, 8, 4096, Blk.TA_QUEUE, Q | W | FS, 42);
        t.event(0, 3, 30, 16, 4096, Blk.TA_QUEUE, Q | W | FS, 42);
        t.process(0, 42, "late");
        t.event(0, 4, 40, 24, 4096, Blk.TA_QUEUE, Q | W | FS, 42);
        t.write(dir.resolve("sda.blktrace.0"));
        Harness.same(dir, "-f", F, "-i", "sda");
        Harness.same(dir, "-f", F, "-b", "2", "-i", "sda");
        Harness.same(dir, "-f", F, "-b", "1", "-i", "sda");
        Harness.same(dir, "-f", F, "-b", "1", "-s", "-i", "sda");
        Harness.same(dir, "-f", F, "-b", "-1", "-i", "sda");
    }

    @Test
    void stopwatchEndIsInclusiveInFileMode() throws Exception {
        TraceFiles t = new TraceFiles();
        for (int i = 0; i <= 6; i++) {
            t.event(0, i + 1, 1000 + 100 * i, 8 * i, 4096, Blk.TA_QUEUE, Q | W | FS, 7);
        }
        t.write(dir.resolve("sda.blktrace.0"));
        new TraceFiles().event(1, 1, 1050, 0, 512, Blk.TA_QUEUE, Q | R | FS, 8).write(dir.resolve("sda.blktrace.1"));
        Harness.same(dir, "-f", F, "-w", "0.0000001:0.0000004", "-i", "sda");
        Harness.same(dir, "-f", F, "-w", "0.0000003", "-i", "sda");
    }

    @Test
    void actMaskStillCountsCpus() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.same(dir, "-f", F, "-A", "2", "-i", "sda");
        Harness.same(dir, "-f", F, "-A", "400", "-i", "sda");
    }

    @Test
    void eventsBeforeGenesisWrap() throws Exception {
        new TraceFiles().event(0, 1, 5000, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1)
            .event(0, 2, 6000, 8, 4096, Blk.TA_QUEUE, Q | W | FS, 1).write(dir.resolve("sda.blktrace.0"));
        new TraceFiles().event(1, 1, 4995, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1).write(dir.resolve("sda.blktrace.1"));
        Harness.same(dir, "-f", F, "-i", "sda");
    }

    @Test
    void binaryDumpToFile() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.sameFiles(dir, null, List.of("out.bin"), "-O", "-d", "out.bin", "-i", "sda");
        Harness.sameFiles(dir, null, List.of("out.bin"), "-f", F, "-d", "out.bin", "-i", "sda");
        Harness.sameFiles(dir, null, List.of("out.bin"), "-f", F, "-M", "-d", "out.bin", "-A", "3", "-i", "sda");
    }

    @Test
    void binaryDumpToStdoutMixesWithText() throws Exception {
        TraceFiles t = new TraceFiles();
        t.process(0, 3, "writer");
        for (int i = 0; i < 3000; i++) {
            t.event(0, i + 1, 1000L * i, 8L * i, 4096, Blk.TA_QUEUE, Q | W | FS, 3);
        }
        t.write(dir.resolve("sda.blktrace.0"));
        Harness.same(dir, "-f", F, "-d", "-", "-i", "sda");
        Harness.same(dir, "-O", "-d", "-", "-i", "sda");
    }

    @Test
    void textToFile() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.sameFiles(dir, null, List.of("out.txt"), "-f", F, "-o", "out.txt", "-i", "sda");
        Harness.sameFiles(dir, null, List.of("out.txt"), "-f", F, "-o", "no/such/dir", "-i", "sda");
        Harness.sameFiles(dir, null, List.of("out.txt"), "-f", F, "-o", "out.txt", "-d", "no/such", "-i", "sda");
        Harness.sameFiles(dir, null, List.of("out.txt"), "-O", "-o", "out.txt", "-i", "sda");
    }

    @Test
    void inputNamesAndDirectories() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        TraceFiles.appendixA(dir.resolve("sub"));
        Harness.same(dir, "-f", F, "-i", "sub/sda.blktrace.0");
        Harness.same(dir, "-f", F, "-D", "sub", "-i", "sda");
        Harness.same(dir, "-f", F, "-i", "sub/sda", "-i", "sda");
        Harness.same(dir, "-f", F, "-i", "./sda");
        Harness.same(dir, "-f", F, "-i", "sda");
    }

    @Test
    void missingEmptyAndSparseCpuFiles() throws Exception {
        new TraceFiles().event(1, 1, 100, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1).write(dir.resolve("a.blktrace.1"));
        Files.write(dir.resolve("a.blktrace.0"), new byte[0]);
        new TraceFiles().event(5, 1, 100, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1).write(dir.resolve("b.blktrace.5"));
        Files.write(dir.resolve("e.blktrace.0"), new byte[0]);
        Harness.same(dir, "-f", F, "-i", "a");
        Harness.same(dir, "-f", F, "-i", "e");
        Harness.same(dir, "-f", F, "-i", "a", "-i", "b");
        Harness.same(dir, "-f", F, "-i", "a", "-i", "e");
    }

    @Test
    void badInputs() throws Exception {
        TraceFiles good = new TraceFiles().event(0, 1, 100, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1)
            .event(0, 2, 200, 8, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        byte[] g = good.bytes();
        byte[] badMagic = g.clone();
        badMagic[48 + 2] = 0x11;
        Files.write(dir.resolve("magic.blktrace.0"), badMagic);
        byte[] version = g.clone();
        version[48] = 6;
        Files.write(dir.resolve("version.blktrace.0"), version);
        Files.write(dir.resolve("trunc.blktrace.0"), java.util.Arrays.copyOf(g, 48 + 30));
        Files.write(dir.resolve("garbage.blktrace.0"), "this is not a trace at all, really not at all.....".getBytes());
        new TraceFiles(ByteOrder.BIG_ENDIAN, Blk.VERSION_7).event(0, 1, 100, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1)
            .write(dir.resolve("foreign.blktrace.0"));
        new TraceFiles().event(1, 1, 100, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1)
            .event(0, 2, 150, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1).write(dir.resolve("cpu.blktrace.0"));
        for (String name : new String[] {"magic", "version", "trunc", "garbage", "foreign", "cpu"}) {
            Harness.same(dir, "-f", F, "-i", name);
        }
        Harness.same(dir, "-f", F, "-i", "garbage", "-i", "magic");
        Harness.same(dir, "-f", F, "-i", "foreign", "-i", "magic");
        Harness.same(dir, "-f", F, "-i", "magic", "-i", "foreign");
    }

    @Test
    void unknownActionsAndDriverData() throws Exception {
        TraceFiles t = new TraceFiles();
        t.event(0, 1, 100, 0, 4096, Blk.TA_DRV_DATA, Blk.TC_DRV_DATA, 1);
        t.event(0, 2, 200, 0, 4096, Blk.TA_BOUNCE, Blk.TC_PC | R, 1);
        t.event(0, 3, 300, 0, 4096, 31, Q | W | FS, 1);
        t.event(0, 4, 400, 0, 4096, Blk.TA_QUEUE, Q | W | FS | Blk.TA_CGROUP, 1);
        t.event(0, 5, 500, 0, 4096, Blk.TA_QUEUE, Q | Blk.TC_PC | R, 1);
        t.event(0, 6, 600, 0, 4096, Blk.TA_REQUEUE, Blk.TC_REQUEUE | Blk.TC_PC | W, 1);
        t.write(dir.resolve("sda.blktrace.0"));
        Harness.same(dir, "-f", F, "-i", "sda");
        Harness.same(dir, "-O", "-i", "sda");
        Harness.sameFiles(dir, null, List.of("d.bin"), "-f", F, "-d", "d.bin", "-i", "sda");
    }

    @Test
    void trackingDiagnostics() throws Exception {
        TraceFiles t = new TraceFiles();
        t.event(0, 1, 100, 64, 4096, Blk.TA_FRONTMERGE, Q | W | FS, 9);
        t.event(0, 2, 200, 64, 4096, Blk.TA_ISSUE, Blk.TC_ISSUE | W | FS, 9);
        t.event(0, 3, 300, 64, 4096, Blk.TA_COMPLETE, Blk.TC_COMPLETE | W | FS, 9);
        // Every tracked entry gets its G first: the reference reads uninitialised times otherwise.
        t.event(0, 4, 350, 100, 4096, Blk.TA_GETRQ, Q | W | FS, 9);
        t.event(0, 4, 400, 100, 4096, Blk.TA_INSERT, Q | W | FS, 9);
        t.event(0, 5, 500, 108, 4096, Blk.TA_GETRQ, Q | W | FS, 9);
        t.event(0, 6, 600, 100, 4096, Blk.TA_FRONTMERGE, Q | W | FS, 9);
        t.event(0, 7, 700, 92, 4096, Blk.TA_FRONTMERGE, Q | W | FS, 9);
        t.event(0, 8, 800, 100, 8192, Blk.TA_ISSUE, Blk.TC_ISSUE | W | FS, 9);
        t.event(0, 9, 900, 100, 8192, Blk.TA_COMPLETE, Blk.TC_COMPLETE | W | FS, 9);
        t.write(dir.resolve("sda.blktrace.0"));
        Harness.same(dir, "-f", F, "-t", "-v", "-i", "sda");
        Harness.same(dir, "-f", F, "-t", "-s", "-i", "sda");
        Harness.same(dir, "-f", F, "-t", "-s", "-h", "-i", "sda");
    }

    @Test
    void programStatisticsOrderAndSharing() throws Exception {
        TraceFiles t = new TraceFiles();
        String[] names = {"dd10", "dd9", "a01", "a1", "kworker/0:1", "dd9"};
        for (int i = 0; i < names.length; i++) {
            t.process(0, 200 + i, names[i]);
        }
        for (int i = 0; i < 9; i++) {
            t.event(0, i + 1, 100 * (i + 1), 8L * i, 4096 * (i + 1), Blk.TA_QUEUE, Q | (i % 2 == 0 ? W : R) | FS, 200 + i);
        }
        t.write(dir.resolve("sda.blktrace.0"));
        Harness.same(dir, "-f", F, "-s", "-i", "sda");
        Harness.same(dir, "-f", F, "-s", "-h", "-i", "sda");
    }

    @Test
    void longNamesAreTruncatedInTitles() throws Exception {
        String name = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        TraceFiles.appendixA(dir);
        Files.move(dir.resolve("sda.blktrace.0"), dir.resolve(name + ".blktrace.0"));
        Files.move(dir.resolve("sda.blktrace.1"), dir.resolve(name + ".blktrace.1"));
        Harness.same(dir, "-f", F, "-i", name);
    }

    @Test
    void bigCountsUseSuffixes() throws Exception {
        TraceFiles t = new TraceFiles();
        for (int i = 0; i < 4; i++) {
            t.event(0, i + 1, 1_000_000_000L * i, 8L * i, 0xFFFFFC00 - i, Blk.TA_COMPLETE, Blk.TC_COMPLETE | W | FS, 1);
            t.event(0, i + 1, 1_000_000_000L * i + 1, 8L * i, 0x7FFFFFFF, Blk.TA_QUEUE, Q | R | FS, 1);
        }
        t.write(dir.resolve("sda.blktrace.0"));
        Harness.same(dir, "-f", F, "-i", "sda");
    }
}
