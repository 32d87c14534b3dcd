package org.jblktrace.parse.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-for-byte conformance with Debian's blkparse 1.2.0: every generated scenario under every
 * option set, in file mode and pipe mode; stdout, stderr, every file written, and whether the
 * exit status is zero must be identical. A failure names the scenario and the command line and
 * shows a unified diff of the first difference.
 */
class ConformanceTest {
    static final String INPUT_SUBDIR = "in";

    @TestFactory
    Stream<DynamicNode> matchesDebianBlkparse() {
        BlkparseRunner.requireReference();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Scenario s : Scenarios.all()) {
            List<DynamicNode> cases = new ArrayList<>();
            for (Invocation inv : OptionMatrix.invocations(s)) {
                cases.add(DynamicTest.dynamicTest(inv.label(s.inputs()), () -> compare(s, inv)));
            }
            nodes.add(DynamicContainer.dynamicContainer(s.name(), cases));
        }
        return nodes.stream();
    }

    static void compare(Scenario s, Invocation inv) throws IOException {
        Path base = Files.createTempDirectory("jblktrace-conf-");
        try {
            Path refDir = base.resolve("reference");
            Path ourDir = base.resolve("ours");
            for (Path dir : List.of(refDir, ourDir)) {
                s.trace().writeFiles(dir);
                s.trace().writeFiles(dir.resolve(INPUT_SUBDIR));
            }
            Path stdin = null;
            if (inv.pipe()) {
                stdin = Files.write(base.resolve("stdin.bin"), s.trace().pipe());
            }
            List<String> args = inv.args(s.inputs());
            BlkparseRun expected = BlkparseRunner.reference(refDir, args, stdin, inv.terminal());
            BlkparseRun actual = BlkparseRunner.ours(ourDir, args, stdin, inv.terminal());
            String difference = RunComparison.firstDifference(expected, actual);
            if (difference != null) {
                fail("scenario " + s.name() + ", " + inv.label(s.inputs()) + "\n" + difference);
            }
        } finally {
            deleteTree(base);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
