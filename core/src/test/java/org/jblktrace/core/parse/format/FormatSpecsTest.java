package org.jblktrace.core.parse.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatSpecsTest {
    @TempDir
    Path dir;

    @Test
    void specificFormatReplacesAnEarlierOne() {
        String[] formats = new String[26];
        assertNull(FormatSpecs.add(formats, "Q,one"));
        assertNull(FormatSpecs.add(formats, "Q,two,x"));
        assertNull(FormatSpecs.add(formats, "W,"));
        assertNull(FormatSpecs.add(formats, "T,t"));
        assertEquals("two,x", formats['Q' - 'A']);
        assertEquals("", formats['W' - 'A']);
        assertEquals("t", formats['T' - 'A']);
    }

    @Test
    void generalFormatOnlyFillsLettersWithoutOne() {
        String[] formats = new String[26];
        FormatSpecs.add(formats, "D,issue");
        FormatSpecs.setAll(formats, "first");
        FormatSpecs.setAll(formats, "second");
        assertEquals("issue", formats['D' - 'A']);
        for (char c = 'A'; c <= 'Z'; c++) {
            if (c != 'D') {
                assertEquals(FormatSpecs.LETTERS.indexOf(c) >= 0 ? "first" : null, formats[c - 'A'], "letter " + c);
            }
        }
    }

    @Test
    void errorsMatchTheReference() throws Exception {
        for (String optarg : new String[] {"Z,x", "q,x", "E,x", "Qx", "Q", "", "%,x"}) {
            String message = FormatSpecs.add(new String[26], optarg);
            ReferenceRun.Output reference = ReferenceRun.blkparse(dir, List.of(), "UTC", "-F", optarg);
            assertEquals(reference.stderr, message + "\n", optarg);
            assertEquals(1, reference.status, optarg);
        }
    }
}
