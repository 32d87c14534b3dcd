package org.jblktrace.btt.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.record.Blk;
import org.jblktrace.parse.conformance.ParseScenarioDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs beyond a dump: --trace=NAME on per-CPU files and --trace=- on a blktrace stream
 * must give what Debian's blkparse -d then Debian's btt give; version 8 dumps (zone actions
 * included) what the same events give in version 7.
 */
class TraceInputTest {
    private static final List<String> OPTIONS = List.of("-A", "-o", "o", "-l", "l", "-q", "q", "-z", "z", "-I", "i");

    @TempDir
    Path work;

    /** Debian's blkparse -O -d, with stdin {@code stdin} when not null. */
    private Path referenceDump(Path dir, List<String> inputs, Path stdin) throws Exception {
        Path dump = work.resolve("ref-" + System.nanoTime() + ".dump");
        List<String> command = new ArrayList<>(List.of(BttReferences.blkparse().toString(), "-O",
                "-d", dump.toString()));
        for (String input : inputs) {
            command.add("-i");
            command.add(input);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        return dump;
    }

    private BttRun reference(Release release, Path dump) throws IOException {
        List<String> args = new ArrayList<>(List.of("-i", dump.toString()));
        args.addAll(OPTIONS);
        return BttRunner.reference(release, Files.createTempDirectory(work, "ref"), args, null);
    }

    @Test
    void traceFilesGiveWhatBlkparseAndBttGive() throws Exception {
        for (String scenario : List.of("lifecycles-4cpu", "three-devices")) {
            List<String> inputs = ParseScenarioDumps.writeTrace(scenario, work);
            BttRun expected = reference(Release.V1_3, referenceDump(work.resolve(scenario), inputs, null));
            List<String> args = new ArrayList<>();
            for (String input : inputs) {
                args.add("--trace=" + input);
            }
            args.addAll(List.of("--trace-dir", work.resolve(scenario).toString()));
            args.addAll(OPTIONS);
            BttRun actual = BttRunner.ours(Compat.V1_3, Files.createTempDirectory(work, "ours"), args, null);
            assertNull(expected.firstDifference(actual), scenario);
        }
    }

    @Test
    void aBlktraceStreamOnStdinGivesWhatBlkparseAndBttGive() throws Exception {
        ParseScenarioDumps.writeTrace("lifecycles-2cpu", work);
        Path stream = work.resolve("lifecycles-2cpu.stream");
        Release release = BttReferences.releases().get(0);
        BttRun expected = reference(release, referenceDump(work, List.of("-"), stream));
        List<String> args = new ArrayList<>(List.of("--trace=-"));
        args.addAll(OPTIONS);
        BttRun actual = BttRunner.ours(BttRunner.compat(release), Files.createTempDirectory(work, "ours"), args, stream);
        assertNull(expected.firstDifference(actual));
    }

    @Test
    void versionEightDumpsWithZoneActionsReadLikeTheirVersionSeven() throws Exception {
        Path v7 = work.resolve("v7.dump");
        Path v8 = work.resolve("v8.dump");
        Files.write(v7, BttTraceGenerator.dump(41, 800, 15, true, Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN));
        Files.write(v8, BttTraceGenerator.dumpWithZoneActions(41, 800, 15));
        // Without -I: zone events are traces like any other, so they move -I's interval boundaries.
        List<String> options = OPTIONS.subList(0, OPTIONS.indexOf("-I"));
        List<String> refArgs = new ArrayList<>(List.of("-i", v7.toString()));
        refArgs.addAll(options);
        BttRun expected = BttRunner.reference(Release.V1_3, Files.createTempDirectory(work, "ref"), refArgs, null);
        List<String> args = new ArrayList<>(List.of("-i", v8.toString()));
        args.addAll(options);
        BttRun actual = BttRunner.ours(Compat.CURRENT, Files.createTempDirectory(work, "ours"), args, null);
        assertNull(expected.firstDifference(actual));
    }
}
