package org.jblktrace.btt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jblktrace.btt.conformance.TestDumps;
import org.jblktrace.core.cli.Compat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extras checked against independent computation: percentiles against a sort of the
 * per-request latencies that -q, -l and -z write, JSON against the text report, and the
 * default output unchanged by them.
 */
class ExtrasTest {
    @TempDir
    static Path work;
    static Path dump;

    @BeforeAll
    static void dump() throws IOException {
        dump = work.resolve("mixed.dump");
        Files.write(dump, TestDumps.generated(11, 3000, 10, true, ByteOrder.LITTLE_ENDIAN));
    }

    private static TestDumps.Result run(Path dir, String... args) {
        return TestDumps.ours(Compat.CURRENT, dir, args);
    }

    /** The latencies (second column, seconds) of every *_SUFFIX.dat file, sorted. */
    private static double[] latencies(Map<String, byte[]> files, String suffix) {
        List<Double> values = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (f.getKey().startsWith("lat_") && f.getKey().endsWith("_" + suffix + ".dat")) {
                for (String line : new String(f.getValue(), StandardCharsets.US_ASCII).split("\n")) {
                    values.add(Double.parseDouble(line.split(" ")[1]));
                }
            }
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** The nearest-rank percentile: the value at rank ceil(p/100 n), at least 1. */
    private static double percentile(double[] sorted, double p) {
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * sorted.length));
        return sorted[(int) rank - 1];
    }

    private static final Pattern ALL_ROW = Pattern.compile("(?m)^ALL +([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+) +(\\d+)$");

    @Test
    void percentilesAgreeWithASortOfTheLatencyFiles() throws IOException {
        TestDumps.Result r = run(Files.createTempDirectory(work, "p"), "-i", dump.toString(), "--percentiles",
                "-q", "lat", "-l", "lat", "-z", "lat");
        assertEquals(0, r.status(), r.stderr());
        String text = r.stdout();
        String section = text.substring(text.indexOf("==================== Latency Percentiles"));
        String[] kinds = {"Q2C", "q2c", "D2C", "d2c", "Q2D", "q2d"};
        for (int k = 0; k < kinds.length; k += 2) {
            String table = section.substring(section.indexOf("            " + kinds[k] + "           P50"));
            Matcher m = ALL_ROW.matcher(table);
            assertTrue(m.find(), kinds[k] + " has no ALL row in\n" + table);
            double[] sorted = latencies(r.files(), kinds[k + 1]);
            assertEquals(sorted.length, Long.parseLong(m.group(6)), kinds[k] + " count");
            double[] percents = {50, 90, 99, 99.9};
            for (int i = 0; i < percents.length; i++) {
                double exact = percentile(sorted, percents[i]);
                double ours = Double.parseDouble(m.group(i + 1));
                // 0.1% of the value, plus the files' microsecond rounding.
                assertTrue(Math.abs(ours - exact) <= exact * 0.001 + 0.5e-6,
                        kinds[k] + " p" + percents[i] + ": " + ours + " vs " + exact);
            }
            double max = sorted[sorted.length - 1];
            assertTrue(Math.abs(Double.parseDouble(m.group(5)) - max) <= max * 0.001 + 0.5e-6, kinds[k] + " max");
        }
    }

    @Test
    void extrasLeaveTheDefaultOutputAlone() throws IOException {
        TestDumps.Result plain = run(Files.createTempDirectory(work, "a"), "-i", dump.toString(), "-A");
        TestDumps.Result json = run(Files.createTempDirectory(work, "b"), "-i", dump.toString(), "-A", "--json", "r.json");
        TestDumps.Result both = run(Files.createTempDirectory(work, "c"), "-i", dump.toString(), "-A", "--percentiles");
        assertEquals(plain.stdout(), json.stdout());
        assertTrue(both.stdout().startsWith(plain.stdout()), "--percentiles only appends a section");
        json.files().remove("r.json");
        assertEquals(plain.files().keySet(), json.files().keySet());
    }

    @Test
    void jsonHoldsTheReportsFiguresAndThePercentiles() throws IOException {
        Path dir = Files.createTempDirectory(work, "j");
        TestDumps.Result text = run(dir, "-i", dump.toString(), "--percentiles");
        TestDumps.Result r = run(Files.createTempDirectory(work, "k"), "-i", dump.toString(), "--json=-");
        assertEquals(0, r.status(), r.stderr());
        String out = r.stdout();
        JsonNode doc = new ObjectMapper().readTree(out.substring(out.indexOf("\n{") + 1));
        assertEquals("jblktrace-btt", doc.get("schema").asText());
        assertEquals(1, doc.get("schema_version").asInt());
        // The All Devices Q2C line, figure by figure.
        Matcher q2c = Pattern.compile("(?m)^Q2C +([0-9.]+) +([0-9.]+) +([0-9.]+) +(\\d+)$").matcher(text.stdout());
        assertTrue(q2c.find());
        JsonNode all = doc.get("all").get("Q2C");
        assertEquals(q2c.group(1), String.format("%.9f", all.get("min").asDouble()));
        assertEquals(q2c.group(2), String.format("%.9f", all.get("avg").asDouble()));
        assertEquals(q2c.group(3), String.format("%.9f", all.get("max").asDouble()));
        assertEquals(Integer.parseInt(q2c.group(4)), all.get("n").asInt());
        Matcher p = ALL_ROW.matcher(text.stdout().substring(text.stdout().indexOf("            Q2C           P50")));
        assertTrue(p.find());
        assertEquals(p.group(1), String.format("%.9f", doc.get("percentiles").get("all").get("Q2C").get("p50").asDouble()));
        assertEquals(3, doc.get("devices").size());
        assertTrue(doc.get("processes").size() >= 4);
        assertTrue(doc.get("merges").isArray() && doc.get("d2d_seeks").isArray() && doc.get("plugs").isArray());
        assertTrue(doc.get("active_periods").get("total").get("lives").asLong() > 0);
    }

    @Test
    void jsonEscapesWhateverAProcessIsCalled() throws IOException {
        Path named = work.resolve("names.dump");
        Files.write(named, TestDumps.withProcessName("a\"b\\c\td\u00e9", 2000));
        TestDumps.Result r = run(Files.createTempDirectory(work, "n"), "-i", named.toString(), "--json=out.json");
        assertEquals(0, r.status(), r.stderr());
        JsonNode doc = new ObjectMapper().readTree(r.files().get("out.json"));
        List<String> names = new ArrayList<>();
        doc.get("processes").forEach(n -> names.add(n.get("name").asText()));
        assertTrue(names.contains("a\"b\\c\td\u00e9"), names.toString());
    }
}
