package org.jblktrace.core.btt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.record.Blk;

/**
 * -M: names for devices, read from lines of "NAME MAJOR,MINOR" as btt reads them: a line is
 * at most 255 characters from [a-zA-Z0-9 :.,/_-] (a longer run is read as the next line),
 * white space after it is skipped, and reading stops at a line holding "Device", at a line
 * without two words, or at any other character. Names are never cut into a fixed buffer here
 * (the overflow of C btt's 32-byte buffers was CVE-2018-10689).
 */
public final class DeviceMap {
    private static final int LINE_MAX = 255;

    private final List<String[]> entries = new ArrayList<>();

    /** Adds the names of a -M file; the exception's message is the reason (strerror). */
    public void read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int i = 0;
        int n = text.length();
        while (true) {
            int start = i;
            while (i < n && i - start < LINE_MAX && inLineSet(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                return;
            }
            String line = text.substring(start, i);
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            if (!add(line)) {
                return;
            }
        }
    }

    private boolean add(String line) {
        if (line.contains("Device")) {
            return false;
        }
        String[] words = line.trim().split("[ \t\n\u000b\f\r]+");
        if (line.isBlank() || words.length < 2) {
            return false;
        }
        entries.add(new String[] {words[0], words[1]});
        return true;
    }

    private static boolean inLineSet(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || " :.,/_-".indexOf(c) >= 0;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** The name of the first entry whose second word is the device as "major,minor", or null. */
    String find(int dev) {
        String key = Integer.toUnsignedString(Blk.major(dev)) + "," + Integer.toUnsignedString(Blk.minor(dev));
        for (String[] e : entries) {
            if (e[1].equals(key)) {
                return e[0];
            }
        }
        return null;
    }
}
