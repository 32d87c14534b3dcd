package org.jblktrace.parse.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The generator's traces are deterministic and read by Debian's blkparse exactly as intended. */
class TraceGeneratorTest {
    private static final Pattern EVENTS = Pattern.compile("^Events \\((.*)\\): (\\d+) entries$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void fixtureIsByteIdenticalToSpecAppendixA() throws NoSuchAlgorithmException {
        Map<String, byte[]> files = Scenarios.fixture().trace().files();
        assertEquals(779, files.get("sda.blktrace.0").length);
        assertEquals(832, files.get("sda.blktrace.1").length);
        assertEquals("14f098ca545c21ad39983a2d0ba1a6b5b5abca68bcfda443672cfe8d4c0a12a2", sha256(files.get("sda.blktrace.0")));
        assertEquals("d1290a5f700b27629d1603e837052b74685bb47c611a107e054054bb08fd1f73", sha256(files.get("sda.blktrace.1")));
    }

    @Test
    void sameSeedGivesSameBytes() {
        List<Scenario> first = Scenarios.all();
        List<Scenario> second = Scenarios.all();
        for (int i = 0; i < first.size(); i++) {
            TraceFiles a = first.get(i).trace();
            TraceFiles b = second.get(i).trace();
            assertEquals(a.files().keySet(), b.files().keySet());
            a.files().forEach((name, bytes) -> assertArrayEquals(bytes, b.files().get(name), name));
            assertArrayEquals(a.pipe(), b.pipe());
        }
    }

    @Test
    void pipeStreamHoldsTheSameRecordsAsTheFiles() {
        for (Scenario s : Scenarios.all()) {
            if (!s.events().isEmpty()) {
                int fileBytes = s.trace().files().values().stream().mapToInt(b -> b.length).sum();
                assertEquals(fileBytes, s.trace().pipe().length, s.name());
            }
        }
    }

    /** For every well-formed scenario, the reference reports the number of events generated, in both modes. */
    @TestFactory
    Stream<DynamicTest> referenceCountsTheGeneratedEvents() {
        Reference reference = Reference.selected().get(0);
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario s : Scenarios.all()) {
            if (s.events().isEmpty()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(s.name(), () -> {
                Path run = Files.createTempDirectory(dir, s.name());
                s.trace().writeFiles(run);
                BlkparseRun files = BlkparseRunner.reference(reference, run, new Invocation(List.of(), Invocation.InputStyle.NAMES)
                    .args(s.inputs()), null);
                assertEquals(0, files.status());
                Map<String, Integer> expected = new java.util.LinkedHashMap<>();
                s.events().forEach((name, count) -> expected.put(eventsTitle(name), count));
                assertEquals(expected, eventsByDevice(files.stdout()));
                Path stdin = Files.write(dir.resolve(s.name() + ".pipe"), s.trace().pipe());
                BlkparseRun pipe = BlkparseRunner.reference(reference, run, List.of("-i", "-"), stdin);
                int expectedTotal = s.events().values().stream().mapToInt(Integer::intValue).sum();
                int pipeTotal = eventsByDevice(pipe.stdout()).values().stream().mapToInt(Integer::intValue).sum();
                assertEquals(expectedTotal, pipeTotal);
            }));
        }
        return tests.stream();
    }

    @Test
    void bulkTraceHasTheRequestedEventsOverFourCpusAndTwoDevices() throws IOException {
        Reference reference = Reference.selected().get(0);
        BulkTraceWriter.write(dir, 100_003, 1);
        for (String device : BulkTraceWriter.DEVICES) {
            for (int cpu = 0; cpu < BulkTraceWriter.CPUS; cpu++) {
                assertTrue(Files.size(dir.resolve(device + ".blktrace." + cpu)) > 0);
            }
        }
        BlkparseRun run = BlkparseRunner.reference(reference, dir, List.of("-f", "", "-i", "sda", "-i", "sdb"), null);
        assertEquals(0, run.status());
        assertEquals("", new String(run.stderr(), StandardCharsets.ISO_8859_1));
        Map<String, Integer> events = eventsByDevice(run.stdout());
        assertEquals(List.of("sda", "sdb"), new ArrayList<>(events.keySet()));
        assertEquals(100_003, events.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** The name as an "Events (NAME)" line shows it: at most 47 characters (Q-BP18). */
    private static String eventsTitle(String name) {
        return name.length() > 47 ? name.substring(0, 47) : name;
    }

    static Map<String, Integer> eventsByDevice(byte[] stdout) {
        Map<String, Integer> events = new java.util.LinkedHashMap<>();
        Matcher m = EVENTS.matcher(new String(stdout, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            events.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return events;
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
