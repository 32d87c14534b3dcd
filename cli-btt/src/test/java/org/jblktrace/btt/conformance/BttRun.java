package org.jblktrace.btt.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What one btt run left: exit status, stdout, stderr and every file in its working directory. */
record BttRun(int status, byte[] stdout, byte[] stderr, Map<String, byte[]> files) {
    /** -v's progress lines and rate figures depend on the clock: both runs get the same placeholders. */
    private static final Pattern PROGRESS = Pattern.compile(" *\\d+ t \\( *[0-9.]+%\\)\r\n?");
    private static final Pattern RATE = Pattern.compile("traces @ [0-9.infa-]+ Ktps in [0-9.]+ seconds");

    BttRun withClockMasked() {
        String text = new String(stdout, StandardCharsets.ISO_8859_1);
        text = PROGRESS.matcher(text).replaceAll("");
        text = RATE.matcher(text).replaceAll("traces @ RATE Ktps in TIME seconds");
        return new BttRun(status, text.getBytes(StandardCharsets.ISO_8859_1), stderr, files);
    }

    String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** The first way {@code actual} differs from this run (stderr aside), or null. */
    String firstDifference(BttRun actual) {
        if (status != actual.status) {
            return "exit status " + status + " != " + actual.status + "; stderr: " + actual.stderrText();
        }
        if (!Arrays.equals(stdout, actual.stdout)) {
            return "stdout differs:\n" + firstLines(stdout, actual.stdout);
        }
        if (!files.keySet().equals(actual.files.keySet())) {
            TreeSet<String> missing = new TreeSet<>(files.keySet());
            missing.removeAll(actual.files.keySet());
            TreeSet<String> extra = new TreeSet<>(actual.files.keySet());
            extra.removeAll(files.keySet());
            return "files differ: missing " + missing + ", extra " + extra;
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (!Arrays.equals(e.getValue(), actual.files.get(e.getKey()))) {
                return "file " + e.getKey() + " differs:\n" + firstLines(e.getValue(), actual.files.get(e.getKey()));
            }
        }
        return null;
    }

    private static String firstLines(byte[] expected, byte[] actual) {
        String[] a = new String(expected, StandardCharsets.ISO_8859_1).split("\n", -1);
        String[] b = new String(actual, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < b.length ? b[i] : "<end>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ":\n  expected: " + x + "\n  actual:   " + y;
            }
        }
        return "(same lines, different bytes)";
    }
}
