package org.jblktrace.parse.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares two blkparse runs byte for byte and describes the first difference readably. */
final class RunComparison {
    private static final int CONTEXT = 3;
    private static final int SHOWN = 6;

    private RunComparison() {
    }

    /** Null when both runs agree; otherwise a short report of the first difference. */
    static String firstDifference(BlkparseRun expected, BlkparseRun actual) {
        if ((expected.status() == 0) != (actual.status() == 0)) {
            return "exit status: reference " + expected.status() + ", ours " + actual.status()
                + orEmpty(textDiff("stderr", expected.stderr(), actual.stderr()));
        }
        String diff = textDiff("stdout", expected.stdout(), actual.stdout());
        if (diff != null) {
            return diff;
        }
        diff = textDiff("stderr", expected.stderr(), actual.stderr());
        if (diff != null) {
            return diff;
        }
        return filesDifference(expected.files(), actual.files());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : "\n" + s;
    }

    private static String filesDifference(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            byte[] e = expected.get(name);
            byte[] a = actual.get(name);
            if (e == null || a == null) {
                return "file " + name + ": written only by " + (e == null ? "ours" : "the reference");
            }
            String diff = isText(e) && isText(a) ? textDiff("file " + name, e, a) : binaryDiff("file " + name, e, a);
            if (diff != null) {
                return diff;
            }
        }
        return null;
    }

    private static boolean isText(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        return true;
    }

    /** A unified-diff hunk around the first differing line, or null when equal. */
    static String textDiff(String what, byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return null;
        }
        List<String> e = lines(expected);
        List<String> a = lines(actual);
        int first = 0;
        while (first < e.size() && first < a.size() && e.get(first).equals(a.get(first))) {
            first++;
        }
        int from = Math.max(0, first - CONTEXT);
        StringBuilder sb = new StringBuilder();
        sb.append(what).append(" differs (--- reference, +++ ours)\n");
        sb.append("@@ -").append(from + 1).append(" +").append(from + 1).append(" @@\n");
        for (int i = from; i < first; i++) {
            sb.append(' ').append(e.get(i)).append('\n');
        }
        for (int i = first; i < Math.min(e.size(), first + SHOWN); i++) {
            sb.append('-').append(e.get(i)).append('\n');
        }
        for (int i = first; i < Math.min(a.size(), first + SHOWN); i++) {
            sb.append('+').append(a.get(i)).append('\n');
        }
        return sb.toString();
    }

    /** Lines with visible control characters; a last line without a newline is marked. */
    private static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(visible(line));
        }
        int last = lines.size() - 1;
        if (lines.get(last).isEmpty()) {
            lines.remove(last);
        } else {
            lines.set(last, lines.get(last) + " \\ (no newline at end)");
        }
        return lines;
    }

    private static String visible(String line) {
        StringBuilder sb = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String binaryDiff(String what, byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return null;
        }
        int first = Arrays.mismatch(expected, actual);
        int from = Math.max(0, first - 8);
        return what + " differs at byte " + first + " (reference " + expected.length + " bytes, ours "
            + actual.length + ")\n- " + hex(expected, from, first + 24) + "\n+ " + hex(actual, from, first + 24);
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, b.length); i++) {
            sb.append(String.format("%02x ", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
