package org.jblktrace.parse.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunComparisonTest {
    private static BlkparseRun run(int status, String out, String err, Map<String, byte[]> files) {
        return new BlkparseRun(status, out.getBytes(StandardCharsets.ISO_8859_1), err.getBytes(StandardCharsets.ISO_8859_1), files);
    }

    @Test
    void identicalRunsHaveNoDifference() {
        assertNull(RunComparison.firstDifference(run(0, "a\nb\n", "", Map.of("f", new byte[] {1})),
            run(0, "a\nb\n", "", Map.of("f", new byte[] {1}))));
    }

    @Test
    void onlyZeroVersusNonZeroStatusMatters() {
        assertNull(RunComparison.firstDifference(run(1, "", "x\n", Map.of()), run(2, "", "x\n", Map.of())));
        assertEquals("exit status: reference 1, ours 0", RunComparison.firstDifference(run(1, "", "", Map.of()), run(0, "", "", Map.of())));
    }

    @Test
    void stdoutDifferenceIsAUnifiedHunkWithContext() {
        String diff = RunComparison.firstDifference(run(0, "1\n2\n3\n4\n5\tx\n6\n", "", Map.of()),
            run(0, "1\n2\n3\n4\n5\ty\n6\n", "", Map.of()));
        assertEquals("stdout differs (--- reference, +++ ours)\n@@ -2 +2 @@\n 2\n 3\n 4\n-5\\tx\n-6\n+5\\ty\n+6\n", diff);
    }

    @Test
    void missingFinalNewlineIsReported() {
        String diff = RunComparison.firstDifference(run(0, "", "a\n", Map.of()), run(0, "", "a", Map.of()));
        assertEquals("stderr differs (--- reference, +++ ours)\n@@ -1 +1 @@\n-a\n+a \\ (no newline at end)\n", diff);
    }

    @Test
    void binaryFilesShowTheFirstDifferingByte() {
        String diff = RunComparison.firstDifference(run(0, "", "", Map.of("dump.bin", new byte[] {0, 1, 2})),
            run(0, "", "", Map.of("dump.bin", new byte[] {0, 1, 3})));
        assertEquals("file dump.bin differs at byte 2 (reference 3 bytes, ours 3)\n- 00 01 02 \n+ 00 01 03 ", diff);
    }

    @Test
    void fileWrittenByOneSideOnly() {
        assertEquals("file out.txt: written only by ours",
            RunComparison.firstDifference(run(0, "", "", Map.of()), run(0, "", "", Map.of("out.txt", new byte[0]))));
    }
}
