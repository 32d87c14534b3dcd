package org.jblktrace.btt.conformance;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.parse.conformance.ParseScenarioDumps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both releases' btt against ours on the dumps of blkparse's generated scenarios (one device
 * and three, CPUs with equal times, huge values, PC commands, long and late process names,
 * foreign byte order...), with the report alone, with -A, and with every side file at once.
 */
class ParseScenariosConformanceTest {
    @TempDir
    static Path work;
    static Map<String, Path> dumps;

    @BeforeAll
    static void dumps() throws Exception {
        dumps = ParseScenarioDumps.write(work);
        assertTrue(dumps.size() >= 10, "too few scenario dumps: " + dumps.keySet());
    }

    @TestFactory
    List<DynamicTest> ourBttIsDebiansOnBlkparseScenarios() {
        List<List<String>> optionSets = List.of(List.of(), List.of("-A", "-v"),
                List.of("-A", "-o", "o", "-X", "-B", "b", "-I", "i", "-S", "0", "-l", "l", "-L", "0.001", "-s", "s",
                        "-m", "m", "-p", "p", "-P", "p", "-q", "q", "-Q", "q", "-u", "u", "-z", "z", "-Z"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Path> dump : dumps.entrySet()) {
            for (Release release : BttReferences.releases()) {
                for (List<String> options : optionSets) {
                    tests.add(DynamicTest.dynamicTest(release.name + " " + dump.getKey() + " " + options, () ->
                            assertNull(BttRunner.compare(release, work, dump.getValue(), options))));
                }
            }
        }
        return tests;
    }
}
