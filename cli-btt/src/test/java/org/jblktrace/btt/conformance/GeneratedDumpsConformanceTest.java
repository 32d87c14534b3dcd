package org.jblktrace.btt.conformance;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.record.Blk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian 12's and Debian 13's btt against ours in the matching mode, on generated dumps that
 * hold everything btt follows (and the cases where the two releases part ways), under every
 * option: stdout, every file by name and bytes, and the exit status must be the same.
 */
class GeneratedDumpsConformanceTest {
    @TempDir
    static Path work;
    static Path map;
    static final List<Path> DUMPS = new ArrayList<>();

    @BeforeAll
    static void dumps() throws IOException {
        DUMPS.add(write("mixed", BttTraceGenerator.dump(1, 1500, 10, true, Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN)));
        DUMPS.add(write("odd", BttTraceGenerator.dump(2, 600, 45, true, Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN)));
        DUMPS.add(write("big-endian", BttTraceGenerator.dump(3, 300, 20, true, Blk.VERSION_7, ByteOrder.BIG_ENDIAN)));
        map = work.resolve("devices.map");
        Files.writeString(map, "sda 8,0\nsdb 8,16\nvg0-data 253,0\n");
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path p = work.resolve(name + ".dump");
        Files.write(p, bytes);
        return p;
    }

    /** Option sets that together use every option of btt 2.09, short and long. */
    static List<List<String>> optionSets(String map) {
        return List.of(
                List.of(), List.of("-A"), List.of("-a"), List.of("-B", "bno"), List.of("-d", "0.001"),
                List.of("-D", "8,16;8,0"), List.of("-D", "253,0;8,0;8,0", "-A"), List.of("-e", "fio,dd"),
                List.of("-A", "-e", "fio,nosuch,dd"), List.of("-A", "-e", ""), List.of("-I", "io"),
                List.of("-I", "io", "-S", "2"), List.of("-l", "lat"), List.of("-L", "0.01"), List.of("-s", "seek"),
                List.of("-s", "seek", "-m", "sps"), List.of("-a", "-s", "seek"), List.of("-M", map),
                List.of("-M", map, "-A", "-o", "out", "-X", "-I", "io"), List.of("-o", "out"),
                List.of("-o", "out", "-X"), List.of("-p", "per"), List.of("-P", "trees"), List.of("-q", "lat"),
                List.of("-Q", "aqd"), List.of("-r"), List.of("-r", "-A"), List.of("-t", "0.5", "-T", "2"),
                List.of("-t", "1"), List.of("-T", "1.5"), List.of("-u", "up"), List.of("-z", "lat"), List.of("-Z"),
                List.of("-z", "lat", "--do-active"), List.of("-v"), List.of("-v", "-o", "out", "-X"),
                List.of("-V"), List.of("-h"), List.of("--no-such-option"), List.of("-m", "sps"),
                List.of("-A", "-o", "o", "-X", "-B", "b", "-I", "i", "-l", "l", "-L", "0.05", "-s", "s", "-m", "m",
                        "-p", "p", "-P", "p", "-q", "q", "-Q", "q", "-u", "u", "-z", "z", "-Z"),
                List.of("--all-data", "--seek-absolute", "--range-delta=0.05", "--dump-blocknos=b", "--iostat=io",
                        "--iostat-interval=1", "--d2c-latencies=l", "--periodic-latencies=0.02", "--seeks=s",
                        "--seeks-per-second=m", "--output-file=o", "--easy-parse-avgs", "--per-io-dump=p",
                        "--per-io-trees=t", "--q2c-latencies=q", "--active-queue-depth=a", "--unplug-hist=u",
                        "--q2d-latencies=z", "--exes=fio,dd", "--devices=8,0;8,16", "--dev-maps=" + map,
                        "--time-start=0.2", "--time-end=3", "--verbose"),
                List.of("--no-remaps", "--all", "--seek-a", "--q2c=q", "--help"));
    }

    @TestFactory
    List<DynamicTest> ourBttIsDebiansOnGeneratedDumps() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dump : DUMPS) {
            for (Release release : BttReferences.releases()) {
                for (List<String> options : optionSets(map.toString())) {
                    tests.add(DynamicTest.dynamicTest(release.name + " " + dump.getFileName() + " " + options, () ->
                            assertNull(BttRunner.compare(release, work, dump, options))));
                }
            }
        }
        return tests;
    }

    static List<String> list(String... args) {
        return Arrays.asList(args);
    }
}
