package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.record.Blk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipe mode (stdin) byte-compared with Debian's blkparse of each release. */
class BlkparsePipeModeTest {
    private static final String F = Harness.FORMAT;
    private static final int Q = Blk.TC_QUEUE;
    private static final int W = Blk.TC_WRITE;
    private static final int R = Blk.TC_READ;
    private static final int FS = Blk.TC_FS;

    @TempDir
    Path dir;

    private byte[] appendixStream() throws Exception {
        TraceFiles.appendixA(dir);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Files.readAllBytes(dir.resolve("sda.blktrace.0")));
        b.writeBytes(Files.readAllBytes(dir.resolve("sda.blktrace.1")));
        return b.toByteArray();
    }

    @Test
    void appendixFixtureThroughStdin() throws Exception {
        byte[] in = appendixStream();
        Harness.same(dir, in, "-f", F, "-i", "-");
        Harness.same(dir, in, "-f", F, "-b", "4", "-i", "-");
        Harness.same(dir, in, "-f", F, "-t", "-s", "-i", "-");
        Harness.same(dir, in, "-f", F, "-q", "-s", "-h", "-i", "-");
        Harness.same(dir, in, "-f", F, "-A", "1", "-i", "-");
    }

    @Test
    void sequenceGapsBecomeSkips() throws Exception {
        TraceFiles t = new TraceFiles();
        int[] seqs = {1, 2, 3, 6, 7, 10, 11, 12, 9, 20};
        for (int s : seqs) {
            t.event(0, s, 1000L * s, 8L * s, 4096, Blk.TA_QUEUE, Q | W | FS, 5);
        }
        Harness.Result r = Harness.same(dir, t.bytes(), "-f", F, "-i", "-");
        assertTrue(r.out().contains("Skips: 3 forward (10 -  50.0%)"));
        Harness.same(dir, t.bytes(), "-f", F, "-v", "-i", "-");
        Harness.same(dir, t.bytes(), "-f", F, "-b", "3", "-i", "-");
    }

    @Test
    void lateSequenceInsideARangeSplitsItLikeTheReference() throws Exception {
        TraceFiles t = new TraceFiles();
        long[][] events = {{1, 10}, {2, 20}, {10, 30}, {5, 40}, {11, 50}, {7, 60}};
        for (long[] e : events) {
            t.event(0, (int) e[0], e[1] * 1000, e[0], 4096, Blk.TA_QUEUE, Q | W | FS, 5);
        }
        Harness.Result r = Harness.same(dir, t.bytes(), "-f", F, "-v", "-i", "-");
        assertTrue(r.stderr().contains("(8,0): skipping 8 -> 6\n"));
        assertTrue(r.out().contains("Skips: 4 forward (1 -  14.3%)"));
        Harness.same(dir, t.bytes(), "-f", F, "-v", "-b", "1", "-i", "-");
    }

    @Test
    void smallBatchesChangeTheOrder() throws Exception {
        TraceFiles t = new TraceFiles();
        t.event(0, 1, 100, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(0, 2, 200, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(0, 4, 400, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(0, 5, 500, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(1, 1, 150, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(1, 2, 250, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(0, 3, 300, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        Harness.same(dir, t.bytes(), "-f", F, "-b", "2", "-i", "-");
        Harness.same(dir, t.bytes(), "-f", F, "-b", "1", "-i", "-");
        Harness.same(dir, t.bytes(), "-f", F, "-i", "-");
        // atoi("-1") stored in an unsigned int: one batch holds everything.
        Harness.same(dir, t.bytes(), "-f", F, "-b", "-1", "-i", "-");
    }

    @Test
    void aNegativeBatchIsOneHugeBatch() throws Exception {
        TraceFiles t = new TraceFiles();
        for (int i = 1; i <= 600; i++) {
            t.event(0, i, 1000L * i, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        }
        for (int i = 1; i <= 5; i++) {
            t.event(1, i, 1000L * i + 500, 0, 4096, Blk.TA_QUEUE, Q | R | FS, 2);
        }
        Harness.Result huge = Harness.same(dir, t.bytes(), "-f", "%c %s\\n", "-q", "-b", "-1", "-i", "-");
        Harness.Result normal = Harness.same(dir, t.bytes(), "-f", "%c %s\\n", "-q", "-i", "-");
        assertTrue(huge.out().startsWith("0 1\n1 1\n0 2\n"), huge.out().substring(0, 20));
        assertTrue(normal.out().startsWith("0 1\n0 2\n"));
    }

    @Test
    void equalKeysComeOutInReverseReadOrder() throws Exception {
        TraceFiles t = new TraceFiles();
        for (int i = 0; i < 3; i++) {
            for (int cpu = 0; cpu < 4; cpu++) {
                t.event(cpu, i + 1, 1000 + 10 * i, 0, 4096, Blk.TA_QUEUE, Q | W | FS, cpu);
            }
        }
        Harness.same(dir, t.bytes(), "-f", "%c %s\\n", "-i", "-");
        Harness.same(dir, t.bytes(), "-f", "%c %s\\n", "-b", "5", "-i", "-");
    }

    @Test
    void stopwatchEndIsExclusiveInPipeMode() throws Exception {
        TraceFiles t = new TraceFiles();
        for (int i = 0; i <= 6; i++) {
            t.event(0, i + 1, 1000 + 100 * i, 8 * i, 4096, Blk.TA_QUEUE, Q | W | FS, 7);
        }
        Harness.same(dir, t.bytes(), "-f", F, "-w", "0.0000001:0.0000004", "-i", "-");
        Harness.same(dir, t.bytes(), "-f", F, "-w", "0.0000001:0.0000004", "-b", "2", "-i", "-");
        Harness.same(dir, t.bytes(), "-f", F, "-w", "0.0000002", "-b", "3", "-i", "-");
    }

    @Test
    void zeroGenesisIsRecomputed() throws Exception {
        TraceFiles t = new TraceFiles();
        t.event(0, 1, 0, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(0, 2, 10, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(0, 3, 100, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.event(0, 4, 110, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        Harness.same(dir, t.bytes(), "-f", F, "-b", "2", "-i", "-");
    }

    @Test
    void devicesAreNamedByExtraInputsInOrderOfAppearance() throws Exception {
        TraceFiles t = new TraceFiles();
        t.eventOn(Blk.device(8, 16), 0, 1, 100, 0, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        t.eventOn(Blk.device(253, 1), 1, 1, 150, 0, 4096, Blk.TA_QUEUE, Q | R | FS, 1);
        t.eventOn(Blk.device(8, 16), 0, 2, 200, 0, 4096, Blk.TA_ISSUE, Blk.TC_ISSUE | W | FS, 1);
        t.eventOn(Blk.device(253, 1), 1, 2, 250, 0, 4096, Blk.TA_COMPLETE, Blk.TC_COMPLETE | R | FS, 1);
        Harness.same(dir, t.bytes(), "-f", F, "-i", "-");
        Harness.same(dir, t.bytes(), "-f", F, "-i", "-", "-i", "foo");
        Harness.same(dir, t.bytes(), "-f", F, "-i", "-", "-i", "foo", "-i", "bar", "-i", "baz");
        Harness.same(dir, t.bytes(), "-f", F, "-t", "-s", "-i", "-");
    }

    @Test
    void badRecordsInTheStream() throws Exception {
        TraceFiles t = new TraceFiles();
        for (int i = 1; i <= 6; i++) {
            t.event(0, i, 100L * i, 8L * i, 4096, Blk.TA_QUEUE, Q | W | FS, 1);
        }
        byte[] b = t.bytes();
        byte[] magic = b.clone();
        magic[48 + 3] = 0x11;
        magic[48 * 3 + 3] = 0x11;
        Harness.same(dir, magic, "-f", F, "-b", "3", "-i", "-");
        Harness.same(dir, magic, "-f", F, "-b", "1", "-i", "-");
        byte[] version = b.clone();
        version[48 * 2] = 9;
        Harness.same(dir, version, "-f", F, "-i", "-");
        Harness.same(dir, java.util.Arrays.copyOf(b, 48 * 4 + 20), "-f", F, "-i", "-");
        Harness.same(dir, "garbage garbage garbage garbage garbage garbage!!".getBytes(), "-f", F, "-i", "-");
        Harness.same(dir, new byte[0], "-f", F, "-i", "-");
        Harness.same(dir, new byte[0], "-f", F, "-i", "-", "-i", "x");
    }

    @Test
    void binaryDumpAndMessages() throws Exception {
        byte[] in = appendixStream();
        Harness.sameFiles(dir, in, List.of("p.bin"), "-f", F, "-d", "p.bin", "-i", "-");
        Harness.sameFiles(dir, in, List.of("p.bin"), "-O", "-M", "-d", "p.bin", "-i", "-");
        Harness.same(dir, in, "-f", F, "-d", "-", "-i", "-");
    }

    @Test
    void namedFifoIsReadLikeStdin() throws Exception {
        byte[] in = appendixStream();
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor() == 0);
        Thread writer = new Thread(() -> {
            try (java.io.OutputStream o = Files.newOutputStream(fifo)) {
                o.write(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        ParseOptions opts = Harness.options(dir, "-f", F, "-b", "100000");
        opts.pipeName = "fifo";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParseContext ctx = new ParseContext(new java.io.ByteArrayInputStream(new byte[0]), out,
            new java.io.PrintStream(new ByteArrayOutputStream()), false, dir);
        assertEquals(0, new Blkparse(opts, ctx, Grouping.of(false)).run());
        writer.join();
        Harness.Result viaStdin = Harness.ours(dir, in, "-f", F, "-b", "100000", "-i", "-");
        assertEquals(viaStdin.out(), out.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aPipeThatCannotBeOpenedEndsWithStatus255() throws Exception {
        ParseOptions opts = Harness.options(dir, "-f", F);
        opts.pipeName = "vanished-fifo";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ParseContext ctx = new ParseContext(new java.io.ByteArrayInputStream(new byte[0]), out,
            new java.io.PrintStream(err, true), false, dir);
        assertEquals(255, new Blkparse(opts, ctx, Grouping.of(false)).run());
        assertEquals("dup stdin: No such file or directory\n", err.toString());
        assertEquals("", out.toString());
    }
}
