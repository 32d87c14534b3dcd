package org.jblktrace.parse.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jblktrace.core.cli.Compat;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-for-byte conformance with the references (see {@link Reference}): every generated
 * scenario under every option set, in file mode and pipe mode, once per reference, and ours in
 * each of the modes that must equal that reference; stdout, stderr, every file written, and
 * whether the exit status is zero must be identical. A failure names the reference, our mode,
 * the scenario and the command line and shows a unified diff of the first difference.
 */
class ConformanceTest {
    static final String INPUT_SUBDIR = "in";

    @TestFactory
    Stream<DynamicNode> matchesTheReferences() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Reference reference : Reference.selected()) {
            reference.tool();
            List<DynamicNode> scenarios = new ArrayList<>();
            for (Scenario s : Scenarios.all()) {
                List<DynamicNode> cases = new ArrayList<>();
                for (Invocation inv : OptionMatrix.invocations(s)) {
                    if (inv.tracks() && s.tracking13Undefined() && reference == Reference.BLKPARSE_1_3) {
                        continue;
                    }
                    cases.add(DynamicTest.dynamicTest(inv.label(s.inputs()), () -> compare(reference, s, inv)));
                }
                scenarios.add(DynamicContainer.dynamicContainer(s.name(), cases));
            }
            nodes.add(DynamicContainer.dynamicContainer(reference.toString(), scenarios));
        }
        return nodes.stream();
    }

    /** Runs the reference once and ours in each of its modes, each in a fresh copy of the input. */
    static void compare(Reference reference, Scenario s, Invocation inv) throws IOException {
        compare(reference, reference.modes, s, inv);
    }

    /** Runs the reference once and ours in each of {@code modes}, each in a fresh copy of the input. */
    static void compare(Reference reference, List<Compat> modes, Scenario s, Invocation inv) throws IOException {
        Path base = Files.createTempDirectory("jblktrace-conf-");
        try {
            Path stdin = null;
            if (inv.pipe()) {
                stdin = Files.write(base.resolve("stdin.bin"), s.trace().pipe());
            }
            List<String> args = inv.args(s.inputs());
            BlkparseRun expected = BlkparseRunner.reference(reference, prepare(s, base.resolve("reference")), args,
                stdin, inv.terminal());
            for (Compat mode : modes) {
                Path ourDir = prepare(s, base.resolve("ours-" + mode));
                BlkparseRun actual = BlkparseRunner.ours(mode, reference, ourDir, args, stdin, inv.terminal());
                String difference = RunComparison.firstDifference(expected, actual);
                if (difference != null) {
                    fail(reference + " vs ours " + modeName(mode) + ": scenario " + s.name() + ", "
                        + inv.label(s.inputs()) + "\n" + difference);
                }
            }
        } finally {
            deleteTree(base);
        }
    }

    /** How a mode of ours is asked for. */
    static String modeName(Compat mode) {
        return mode == Compat.CURRENT ? "in the default mode" : "with --compat=" + mode.release;
    }

    /** A directory holding the scenario's files, and a copy of them in {@value #INPUT_SUBDIR}. */
    static Path prepare(Scenario s, Path dir) throws IOException {
        s.trace().writeFiles(dir);
        s.trace().writeFiles(dir.resolve(INPUT_SUBDIR));
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
