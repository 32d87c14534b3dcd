package org.jblktrace.btt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jblktrace.btt.conformance.BttReferences;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/btt end to end against the packaged jar; bound to the package phase (see
 * cli-btt/pom.xml) because it needs cli-btt/target/cli-btt.jar and its libraries.
 */
class BttLauncherIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "btt").toAbsolutePath().normalize();
    private static final Path SAMPLE = SCRIPT.getParent().getParent().resolve("docs/sample");

    @TempDir
    Path dir;

    private static ProcessOutcome run(Path workingDir, String... command) throws IOException, InterruptedException {
        return ProcessOutcome.run(workingDir, Map.of(), List.of(command));
    }

    @Test
    void versionAndUsageNameTheLauncherAsInvoked() throws Exception {
        Path ours = Files.createDirectory(dir.resolve("ours"));
        Files.createSymbolicLink(ours.resolve("btt"), SCRIPT);
        assertEquals(new ProcessOutcome(0, "./btt version 2.09\n", ""), run(ours, "./btt", "-V"));
        ProcessOutcome usage = run(ours, "./btt");
        assertEquals(1, usage.status());
        assertTrue(usage.stderr().startsWith("Usage: ./btt \n[ -a               | --seek-absolute ]\n"), usage.stderr());
    }

    @Test
    void theSampleTraceAsDebiansBttReportsIt() throws Exception {
        Path dump = dir.resolve("sample.dump");
        ProcessOutcome parse = run(dir, BttReferences.blkparse().toString(), "-i", "sample", "-D",
                SAMPLE.toString(), "-d", dump.toString(), "-O");
        assertEquals(0, parse.status(), parse.stderr());
        Path ref = Files.createDirectory(dir.resolve("ref"));
        Path ours = Files.createDirectory(dir.resolve("ours"));
        Path trace = Files.createDirectory(dir.resolve("trace"));
        ProcessOutcome expected = run(ref, ReferenceTools.tool(Release.V1_3, "btt").toString(), "-i", dump.toString(), "-A");
        assertEquals(expected, run(ours, SCRIPT.toString(), "-i", dump.toString(), "-A"));
        assertEquals(expected, run(trace, SCRIPT.toString(), "--trace=sample", "--trace-dir=" + SAMPLE, "-A"));
        for (String file : List.of("sys_iops_fp.dat", "sys_mbps_fp.dat", "7,1_iops_fp.dat", "7,1_mbps_fp.dat")) {
            assertEquals(Files.readString(ref.resolve(file)), Files.readString(ours.resolve(file)), file);
            assertEquals(Files.readString(ref.resolve(file)), Files.readString(trace.resolve(file)), file);
        }
    }

    @Test
    void aClosedPipeEndsItLikeSigpipe() throws Exception {
        // A report far larger than a pipe's buffer: many activity periods to list.
        Path dump = dir.resolve("long.dump");
        Files.write(dump, org.jblktrace.btt.conformance.TestDumps.generated(9, 20_000, 5, true,
                java.nio.ByteOrder.LITTLE_ENDIAN));
        ProcessOutcome r = run(dir, "bash", "-c", "set -o pipefail; \"$0\" -i \"$1\" -A | head -c 10 >/dev/null",
                SCRIPT.toString(), dump.toString());
        assertEquals(141, r.status(), r.stderr());
        assertEquals("", r.stderr());
    }
}
