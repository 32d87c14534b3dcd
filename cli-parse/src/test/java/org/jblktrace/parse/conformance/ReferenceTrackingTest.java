package org.jblktrace.parse.conformance;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The tracking scenarios are fit for byte comparison with blkparse 1.2.0: what it prints with -t
 * does not change when glibc fills fresh and binned heap memory with other bytes
 * (MALLOC_PERTURB_). Its per-thread cache of freed blocks is left alone by that setting, and what
 * 1.2.0 reads from there ours reproduces; anything else it read would be the environment's
 * garbage, and a scenario that reads any must be changed rather than compared.
 */
class ReferenceTrackingTest {
    @TestFactory
    List<DynamicTest> blkparse12ReadsOnlyMemoryOursModels() {
        List<DynamicTest> tests = new ArrayList<>();
        if (!Reference.selected().contains(Reference.BLKPARSE_1_2)) {
            return tests;
        }
        for (Scenario s : Scenarios.all()) {
            if (s.optionSets() != Scenario.OptionSets.TRACKING) {
                continue;
            }
            for (Invocation inv : List.of(new Invocation(List.of("-t", "-s"), Invocation.InputStyle.NAMES),
                new Invocation(List.of("-t", "-s"), Invocation.InputStyle.PIPE))) {
                tests.add(DynamicTest.dynamicTest(s.name() + ", " + inv.label(s.inputs()), () -> stable(s, inv)));
            }
        }
        return tests;
    }

    private static void stable(Scenario s, Invocation inv) throws IOException {
        Path base = Files.createTempDirectory("jblktrace-heap-");
        try {
            Path stdin = inv.pipe() ? Files.write(base.resolve("stdin.bin"), s.trace().pipe()) : null;
            List<String> args = inv.args(s.inputs());
            BlkparseRun plain = BlkparseRunner.reference(Reference.BLKPARSE_1_2,
                ConformanceTest.prepare(s, base.resolve("plain")), args, stdin, false);
            for (String perturb : List.of("90", "165")) {
                BlkparseRun perturbed = BlkparseRunner.reference(Reference.BLKPARSE_1_2,
                    ConformanceTest.prepare(s, base.resolve("perturb-" + perturb)), args, stdin, false,
                    Map.of("MALLOC_PERTURB_", perturb));
                assertNull(RunComparison.firstDifference(plain, perturbed),
                    () -> "blkparse 1.2.0 reads the environment's heap with MALLOC_PERTURB_=" + perturb);
            }
        } finally {
            ConformanceTest.deleteTree(base);
        }
    }
}
