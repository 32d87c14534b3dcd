package org.jblktrace.parse.conformance;

import static org.jblktrace.core.record.Blk.TC_COMPLETE;
import static org.jblktrace.core.record.Blk.TC_FS;
import static org.jblktrace.core.record.Blk.TC_ISSUE;
import static org.jblktrace.core.record.Blk.TC_QUEUE;
import static org.jblktrace.core.record.Blk.TC_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs on which Debian's blkparse 1.2.0 prints uninitialised memory (its output changes with
 * glibc's MALLOC_PERTURB_) or crashes: we assert our documented behaviour in its mode
 * ({@code --compat=1.2}) instead. Spec Q-BP16 and §1.3.1: tracking times never set read as 0,
 * payload bytes past pdu_len read as 0; and a pipe-mode record with an absurd CPU number is
 * shown like any other.
 */
class ReferenceDivergenceTest {
    private static final long BASE = Scenarios.BASE;
    private static final int WRITE_FS = TC_WRITE | TC_FS;

    @TempDir
    Path dir;

    /**
     * Q, I, D, C without G: the request's memory is fio's process note, freed when read, so I
     * shows the insert time minus the note's CPU, error and payload length as blkparse 1.2.0 does
     * (checked against it, also under MALLOC_PERTURB_); D shows issue − insert, C issue → complete.
     */
    static TraceFiles insertWithoutGetRequest() {
        TraceBuilder b = named();
        b.event(0, 0, BASE, 2048, 4096, Blk.action(Blk.TA_QUEUE, TC_QUEUE | WRITE_FS), 100);
        b.event(0, 0, BASE + 1000, 2048, 4096, Blk.action(Blk.TA_INSERT, TC_QUEUE | WRITE_FS), 100);
        b.event(0, 0, BASE + 2000, 2048, 4096, Blk.action(Blk.TA_ISSUE, TC_ISSUE | WRITE_FS), 100);
        b.event(0, 0, BASE + 5000, 2048, 4096, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | WRITE_FS), 0);
        return b.build(1, 1);
    }

    @Test
    void insertWithoutGetRequestReadsTheFreedNote() throws IOException {
        assertEquals(List.of(
            "  8,0    0        1     0.000000000   100  Q   W 2048 + 8 [fio]",
            "  8,0    0        2     0.000001000   100  I   W 2048 + 8 (18442240474082182120) [fio]",
            "  8,0    0        3     0.000002000   100  D   W 2048 + 8 (    1000) [fio]",
            "  8,0    0        4     0.000005000     0  C   W 2048 + 8 (    3000) [0]"),
            eventLines(insertWithoutGetRequest(), "-t", "-i", "sda"));
    }

    /** G, I, C without D: the completion's elapsed time counts from an unset issue time, 0. */
    static TraceFiles completeWithoutIssue() {
        TraceBuilder b = named();
        b.event(0, 0, BASE, 2048, 4096, Blk.action(Blk.TA_GETRQ, TC_QUEUE | WRITE_FS), 100);
        b.event(0, 0, BASE + 1000, 2048, 4096, Blk.action(Blk.TA_INSERT, TC_QUEUE | WRITE_FS), 100);
        b.event(0, 0, BASE + 4000, 2048, 4096, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | WRITE_FS), 0);
        return b.build(1, 1);
    }

    @Test
    void completeWithoutIssueCountsFromZero() throws IOException {
        assertEquals(List.of(
            "  8,0    0        1     0.000000000   100  G   W 2048 + 8 [fio]",
            "  8,0    0        2     0.000001000   100  I   W 2048 + 8 [fio]",
            "  8,0    0        3     0.000004000     0  C   W 2048 + 8 (    4000) [0]"),
            eventLines(completeWithoutIssue(), "-t", "-i", "sda"));
    }

    /**
     * blkparse 1.3.0 sets the tracking times it lacks, so on the two inputs above its output is
     * defined: ours in 1.3.0's modes equals it byte for byte (the I line shows G to I).
     */
    @Test
    void release1_3DefinesTheseTimesAndOursMatchesIt() throws IOException {
        List<TraceFiles> traces = List.of(insertWithoutGetRequest(), completeWithoutIssue());
        for (Reference reference : Reference.selected()) {
            if (reference == Reference.BLKPARSE_1_2) {
                continue;
            }
            for (int i = 0; i < traces.size(); i++) {
                Path refDir = Files.createDirectories(dir.resolve("ref" + i));
                traces.get(i).writeFiles(refDir);
                BlkparseRun expected = BlkparseRunner.reference(reference, refDir, List.of("-t", "-i", "sda"), null);
                for (Compat mode : reference.modes) {
                    Path ourDir = Files.createDirectories(dir.resolve("ours" + i + mode));
                    traces.get(i).writeFiles(ourDir);
                    BlkparseRun actual = BlkparseRunner.ours(mode, reference, ourDir, List.of("-t", "-i", "sda"), null, false);
                    assertNull(RunComparison.firstDifference(expected, actual), reference + " " + mode + " trace " + i);
                }
            }
        }
    }

    /**
     * Pipe mode with one event per batch outputs a completion (CPU 1) before its issue (CPU 0)
     * when the stream carries them in that order: the completion counts from an unset issue time.
     */
    @Test
    void pipeCompletionBeforeIssueCountsFromZero() throws IOException {
        TraceBuilder b = named();
        b.event(0, 0, BASE, 2048, 4096, Blk.action(Blk.TA_GETRQ, TC_QUEUE | WRITE_FS), 100);
        b.event(0, 0, BASE + 1000, 2048, 4096, Blk.action(Blk.TA_INSERT, TC_QUEUE | WRITE_FS), 100);
        b.event(0, 1, BASE + 9000, 2048, 4096, Blk.action(Blk.TA_COMPLETE, TC_COMPLETE | WRITE_FS), 0);
        b.event(0, 0, BASE + 2000, 2048, 4096, Blk.action(Blk.TA_ISSUE, TC_ISSUE | WRITE_FS), 100);
        TraceFiles trace = b.build(1, 1);
        byte[] cpu0 = trace.files().get("sda.blktrace.0");
        int beforeIssue = cpu0.length - Blk.HEADER_V7;
        // The stream carries CPU 0's note, G and I, then CPU 1's C, then CPU 0's D.
        byte[] reordered = Scenarios.concat(Scenarios.concat(slice(cpu0, 0, beforeIssue), trace.files().get("sda.blktrace.1")),
            slice(cpu0, beforeIssue, cpu0.length));
        Path stdin = Files.write(dir.resolve("stdin.bin"), reordered);
        BlkparseRun run = oursIn1_2(List.of("-t", "-b", "1", "-i", "-"), stdin);
        assertEquals(List.of(
            "  8,0    0        1     0.000000000   100  G   W 2048 + 8 [fio]",
            "  8,0    0        2     0.000001000   100  I   W 2048 + 8 [fio]",
            "  8,0    1        1     0.000009000     0  C   W 2048 + 8 (    9000) [0]",
            "  8,0    0        3     0.000002000   100  D   W 2048 + 8 [fio]"),
            eventLines(run));
    }

    /** Unplug and split payloads shorter than 8 bytes: the missing bytes read as zero. */
    static TraceFiles shortPayloads() {
        TraceBuilder b = named();
        b.event(0, 0, BASE, 0, 0, Blk.action(Blk.TA_UNPLUG_IO, TC_QUEUE), 100);
        b.event(0, 0, BASE + 1000, 0, 0, Blk.action(Blk.TA_UNPLUG_TIMER, TC_QUEUE), 100).setPdu(new byte[] {0, 0, 0, 7});
        b.event(0, 0, BASE + 2000, 4096, 4096, Blk.action(Blk.TA_SPLIT, WRITE_FS), 100)
            .setPdu(new byte[] {0, 0, 0, 0, 0, 0, 9});
        return b.build(1, 1);
    }

    @Test
    void shortPayloadIntegersReadMissingBytesAsZero() throws IOException {
        assertEquals(List.of(
            "  8,0    0        1     0.000000000   100  U   N [fio] 0",
            "  8,0    0        2     0.000001000   100 UT   N [fio] 0",
            "  8,0    0        3     0.000002000   100  X   W 4096 / 2304 [fio]"),
            eventLines(shortPayloads(), "-i", "sda"));
    }

    /** Pipe stream: Q on CPU 0, Q on {@code cpu}, Q on CPU 0, at 1, 2 and 3 µs. */
    private Path streamWithCpu(int cpu) throws IOException {
        byte[] stream = new byte[0];
        int[] cpus = {0, cpu, 0};
        int[] sequences = {1, 1, 2};
        for (int i = 0; i < 3; i++) {
            TraceRecord r = new TraceRecord();
            r.sequence = sequences[i];
            r.time = 1000L * (i + 1);
            r.sector = 100;
            r.bytes = 4096;
            r.action = Blk.action(Blk.TA_QUEUE, TC_QUEUE | WRITE_FS);
            r.pid = 5;
            r.device = Blk.device(8, 0);
            r.cpu = cpus[i];
            stream = Scenarios.concat(stream, RecordCodec.toBytes(r, ByteOrder.LITTLE_ENDIAN));
        }
        return Files.write(dir.resolve("cpu" + Integer.toHexString(cpu) + ".bin"), stream);
    }

    private void assertShownLikeAnyOtherEvent(Path stdin, String cpuColumn) {
        BlkparseRun run = BlkparseRunner.ours(dir, List.of("-i", "-"), stdin);
        assertEquals(0, run.status());
        assertEquals("", new String(run.stderr(), StandardCharsets.ISO_8859_1));
        assertEquals(List.of(
            "  8,0    0        1     0.000000000     5  Q   W 100 + 8 [(null)]",
            "  8,0   " + cpuColumn + "        1     0.000001000     5  Q   W 100 + 8 [(null)]",
            "  8,0    0        2     0.000002000     5  Q   W 100 + 8 [(null)]"), eventLines(run));
        assertTrue(new String(run.stdout(), StandardCharsets.ISO_8859_1).contains("\nEvents (8,0): 3 entries\n"));
    }

    /** The reference dies of SIGSEGV (status 139, no output) on a negative CPU number other than -1. */
    @Test
    void pipeRecordWithNegativeCpuNumberIsShown() throws IOException {
                Path stdin = streamWithCpu(0x80808080);
        for (Reference reference : Reference.selected()) {
            assertEquals(139, BlkparseRunner.reference(reference, dir, List.of("-i", "-"), stdin).status(), reference::toString);
        }
        assertShownLikeAnyOtherEvent(stdin, "-2139062144");
    }

    /** The reference gives up with "Out of memory, CPU info for device 8,0 (0)" and status 1. */
    @Test
    void pipeRecordWithHugeCpuNumberIsShown() throws IOException {
                Path stdin = streamWithCpu(Integer.MAX_VALUE);
        for (Reference release : Reference.selected()) {
            BlkparseRun reference = BlkparseRunner.reference(release, dir, List.of("-i", "-"), stdin);
            assertEquals(1, reference.status(), release::toString);
            assertEquals("Out of memory, CPU info for device 8,0 (0)\n", new String(reference.stderr(), StandardCharsets.ISO_8859_1));
        }
        assertShownLikeAnyOtherEvent(stdin, "2147483647");
    }

    private static TraceBuilder named() {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        b.device("sda", 8, 0);
        b.note(0, 0, 0, Blk.TN_PROCESS, 100, TraceBuilder.commPayload("fio"));
        return b;
    }

    private List<String> eventLines(TraceFiles trace, String... args) throws IOException {
        trace.writeFiles(dir);
        return eventLines(oursIn1_2(List.of(args), null));
    }

    private BlkparseRun oursIn1_2(List<String> args, Path stdin) {
        return BlkparseRunner.ours(Compat.V1_2, BlkparseRunner.ARGV0, dir, args, stdin, false);
    }

    /** The event lines of a run's stdout (those before the statistics). */
    private static List<String> eventLines(BlkparseRun run) {
        return new String(run.stdout(), StandardCharsets.ISO_8859_1).lines()
            .takeWhile(line -> !line.startsWith("CPU") && !line.isEmpty()).toList();
    }

    private static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }
}
