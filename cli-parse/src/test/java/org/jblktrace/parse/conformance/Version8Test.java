package org.jblktrace.parse.conformance;

import static org.jblktrace.core.record.Blk.TC_AHEAD;
import static org.jblktrace.core.record.Blk.TC_DISCARD;
import static org.jblktrace.core.record.Blk.TC_FLUSH;
import static org.jblktrace.core.record.Blk.TC_FS;
import static org.jblktrace.core.record.Blk.TC_FUA;
import static org.jblktrace.core.record.Blk.TC_META;
import static org.jblktrace.core.record.Blk.TC_QUEUE;
import static org.jblktrace.core.record.Blk.TC_SYNC;
import static org.jblktrace.core.record.Blk.TC_WRITE;
import static org.jblktrace.core.record.Blk.TC_ZONE_APPEND;
import static org.jblktrace.core.record.Blk.TC_ZONE_CLOSE;
import static org.jblktrace.core.record.Blk.TC_ZONE_FINISH;
import static org.jblktrace.core.record.Blk.TC_ZONE_OPEN;
import static org.jblktrace.core.record.Blk.TC_ZONE_RESET;
import static org.jblktrace.core.record.Blk.TC_ZONE_RESET_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jblktrace.core.record.Blk;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version 8 ({@code blk_io_trace2}) traces, which no packaged blkparse reads: checked against
 * the spec instead. The same events in v7 and v8 give the same output, and the zone actions
 * and zone RWBS render by the rules in Blk and the formatter brief.
 */
class Version8Test {
    private static final int[] ZONES = {0, TC_ZONE_APPEND, TC_ZONE_RESET, TC_ZONE_RESET_ALL, TC_ZONE_FINISH,
        TC_ZONE_OPEN, TC_ZONE_CLOSE, TC_ZONE_APPEND | TC_ZONE_RESET, TC_ZONE_RESET | TC_ZONE_RESET_ALL,
        TC_ZONE_FINISH | TC_ZONE_OPEN | TC_ZONE_CLOSE};
    private static final int[] FLAGS = {0, TC_WRITE, TC_FLUSH | TC_WRITE, TC_DISCARD | TC_WRITE, TC_FUA | TC_SYNC,
        TC_META | TC_AHEAD, TC_FLUSH | TC_DISCARD | TC_FUA | TC_AHEAD | TC_SYNC | TC_META, TC_FLUSH};

    @TempDir
    Path dir;

    @Test
    void referenceRejectsVersion8WhichWeAcceptDeliberately() throws IOException {
                Scenarios.allActions(Blk.VERSION_8).trace().writeFiles(dir);
        for (Reference reference : Reference.selected()) {
            BlkparseRun run = BlkparseRunner.reference(reference, dir, List.of("-i", "sda"), null);
            assertTrue(new String(run.stderr(), StandardCharsets.ISO_8859_1).startsWith("unsupported trace version 8\n"),
                reference::toString);
        }
    }

    /** In a release's compat mode a version 8 trace is refused exactly as that release refuses it. */
    @TestFactory
    Stream<DynamicTest> compatModesRejectVersion8LikeTheirRelease() {
        Scenario v8 = Scenarios.allActions(Blk.VERSION_8);
        List<DynamicTest> tests = new ArrayList<>();
        for (Reference reference : Reference.selected()) {
            for (Invocation inv : List.of(new Invocation(List.of(), Invocation.InputStyle.NAMES),
                new Invocation(List.of("-q", "-t"), Invocation.InputStyle.NAMES),
                new Invocation(List.of(), Invocation.InputStyle.PIPE))) {
                tests.add(DynamicTest.dynamicTest(reference + ", " + inv.label(v8.inputs()),
                    () -> ConformanceTest.compare(reference, List.of(reference.compat()), v8, inv)));
            }
        }
        return tests.stream();
    }

    /** Same events, same stdout, stderr and exit status (the input files differ, so files are not compared). */
    @TestFactory
    Stream<DynamicTest> version8MatchesItsVersion7Twin() {
        TraceFiles v7 = Scenarios.allActions(Blk.VERSION_7).trace();
        TraceFiles v8 = Scenarios.allActions(Blk.VERSION_8).trace();
        List<List<String>> sets = List.of(List.of(), List.of("-t", "-s"), List.of("-q", "-b", "2"),
            List.of("-f", OptionMatrix.ALL_FIELDS), OptionMatrix.perLetterFormats(), List.of("-a", "write", "-v"));
        List<DynamicTest> tests = new ArrayList<>();
        for (List<String> options : sets) {
            for (Invocation.InputStyle style : new Invocation.InputStyle[] {Invocation.InputStyle.NAMES, Invocation.InputStyle.PIPE}) {
                Invocation inv = new Invocation(options, style);
                tests.add(DynamicTest.dynamicTest(inv.label(List.of("sda")), () -> {
                    BlkparseRun seven = runOurs(v7, inv, "v7");
                    BlkparseRun eight = runOurs(v8, inv, "v8");
                    assertEquals(0, seven.status(), () -> new String(seven.stderr(), StandardCharsets.ISO_8859_1));
                    assertNull(RunComparison.firstDifference(seven, eight));
                }));
            }
        }
        return tests.stream();
    }

    private BlkparseRun runOurs(TraceFiles trace, Invocation inv, String name) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name + inv.hashCode()));
        trace.writeFiles(run);
        Path stdin = inv.pipe() ? Files.write(run.resolve("stdin.bin"), trace.pipe()) : null;
        BlkparseRun result = BlkparseRunner.ours(run, inv.args(List.of("sda")), stdin);
        return new BlkparseRun(result.status(), result.stdout(), result.stderr(), Map.of());
    }

    /** RWBS after the optional F: D, then the zone operations in a fixed order, then W, R, N; then F A S M. */
    static String expectedRwbs(int categories, int bytes) {
        StringBuilder sb = new StringBuilder();
        if ((categories & TC_FLUSH) != 0) {
            sb.append('F');
        }
        if ((categories & TC_DISCARD) != 0) {
            sb.append('D');
        } else if ((categories & TC_ZONE_APPEND) != 0) {
            sb.append("ZA");
        } else if ((categories & TC_ZONE_RESET) != 0) {
            sb.append("ZR");
        } else if ((categories & TC_ZONE_RESET_ALL) != 0) {
            sb.append("ZRA");
        } else if ((categories & TC_ZONE_FINISH) != 0) {
            sb.append("ZF");
        } else if ((categories & TC_ZONE_OPEN) != 0) {
            sb.append("ZO");
        } else if ((categories & TC_ZONE_CLOSE) != 0) {
            sb.append("ZC");
        } else if ((categories & TC_WRITE) != 0) {
            sb.append('W');
        } else if (bytes != 0) {
            sb.append('R');
        } else {
            sb.append('N');
        }
        if ((categories & TC_FUA) != 0) {
            sb.append('F');
        }
        if ((categories & TC_AHEAD) != 0) {
            sb.append('A');
        }
        if ((categories & TC_SYNC) != 0) {
            sb.append('S');
        }
        if ((categories & TC_META) != 0) {
            sb.append('M');
        }
        return sb.toString();
    }

    @Test
    void zoneCategoriesRenderInTheRwbsField() throws IOException {
        TraceBuilder b = new TraceBuilder(Blk.VERSION_8, ByteOrder.LITTLE_ENDIAN);
        b.device("zns", 259, 1);
        List<String> expected = new ArrayList<>();
        long t = Scenarios.BASE;
        for (int zone : ZONES) {
            for (int flags : FLAGS) {
                int bytes = (zone + flags) % 3 == 0 ? 0 : 65536;
                b.event(0, 0, t += 1000, 524288, bytes, Blk.action(Blk.TA_QUEUE, TC_QUEUE | TC_FS | zone | flags), 1);
                expected.add(expectedRwbs(zone | flags, bytes));
            }
        }
        b.build(1, 1).writeFiles(dir);
        BlkparseRun run = BlkparseRunner.ours(dir, List.of("-q", "-f", "%d\\n", "-i", "zns"), null);
        assertEquals(0, run.status());
        assertEquals(expected, stdoutLines(run).subList(0, expected.size()));
    }

    @Test
    void zoneActionsPrintLikeTheirVersion7Counterparts() throws IOException {
        List<String> zoned = defaultLines(zoneActions(Blk.VERSION_8, Blk.TA_ZONE_PLUG, Blk.TA_ZONE_UNPLUG, Blk.TA_ZONE_MGMT), "z8");
        List<String> plain = defaultLines(zoneActions(Blk.VERSION_7, Blk.TA_PLUG, Blk.TA_UNPLUG_IO, Blk.TA_PLUG), "p7");
        assertEquals(plain.get(0).replace("  P ", " ZP "), zoned.get(0));
        assertEquals(plain.get(1).replace("  U ", " ZU "), zoned.get(1));
        String header = plain.get(2).substring(0, plain.get(2).indexOf("  P ")) + " ZM  ZA ";
        assertTrue(zoned.get(2).startsWith(header), zoned.get(2));
        assertTrue(zoned.get(3).contains(" IO unplugs:             1"), zoned.get(3));
    }

    /** Zone plug, zone unplug (4 requests) and zone management (an append) by process "zbd". */
    private static TraceFiles zoneActions(int version, int plug, int unplug, int management) {
        TraceBuilder b = new TraceBuilder(version, ByteOrder.LITTLE_ENDIAN);
        b.device("zns", 259, 1);
        b.note(0, 0, 0, Blk.TN_PROCESS, 77, TraceBuilder.commPayload("zbd"));
        long t = Scenarios.BASE;
        b.event(0, 0, t, 4096, 0, Blk.action(plug, TC_QUEUE), 77);
        b.event(0, 0, t + 10, 4096, 0, Blk.action(unplug, TC_QUEUE), 77).setPdu(TraceBuilder.bigEndianLong(4));
        int append = version == Blk.VERSION_8 ? TC_ZONE_APPEND : 0;
        b.event(0, 0, t + 20, 8192, 4096, Blk.action(management, TC_QUEUE | TC_FS | append), 77);
        return b.build(1, 1);
    }

    /** The three event lines and the CPU block's unplug line of a default run. */
    private List<String> defaultLines(TraceFiles trace, String name) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        trace.writeFiles(run);
        List<String> lines = stdoutLines(BlkparseRunner.ours(run, List.of("-i", "zns"), null));
        List<String> picked = new ArrayList<>(lines.subList(0, 3));
        picked.add(lines.stream().filter(l -> l.startsWith(" IO unplugs:")).findFirst().orElse(""));
        return picked;
    }

    private static List<String> stdoutLines(BlkparseRun run) {
        return new String(run.stdout(), StandardCharsets.ISO_8859_1).lines().toList();
    }
}
