package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsJournalTest {
    @TempDir
    Path dir;

    @Test
    void restoreWritesOriginalsBackNewestFirst() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "0");
        Path b = Files.writeString(dir.resolve("b"), "local");
        SettingsJournal journal = new SettingsJournal();
        journal.change(a, "0", "1");
        journal.change(b, "local", "mono");
        journal.change(a, "1", "2");
        assertEquals("2", Files.readString(a));
        assertEquals("mono", Files.readString(b));

        assertEquals(List.of(), journal.restore());
        assertEquals("0", Files.readString(a), "the value before the first change is restored");
        assertEquals("local", Files.readString(b));
        assertTrue(journal.isEmpty());
    }

    @Test
    void aFileRememberedFirstIsRestoredLast() throws Exception {
        Path shared = Files.writeString(dir.resolve("shared"), "x");
        SettingsJournal journal = new SettingsJournal();
        journal.remember(shared, "original");
        Path other = Files.writeString(dir.resolve("other"), "y");
        journal.change(other, "y", "z");
        // Restoring "other" first, then "shared": the later write wins.
        Files.writeString(shared, "changed");
        journal.restore();
        assertEquals("original", Files.readString(shared));
        assertEquals("y", Files.readString(other));
    }

    @Test
    void writesNeverCreateFiles() {
        SettingsJournal journal = new SettingsJournal();
        CaptureException e = assertThrows(CaptureException.class, () -> journal.change(dir.resolve("absent"), "0", "1"));
        assertEquals("cannot write '1' to " + dir.resolve("absent") + ": No such file or directory", e.getMessage());
    }

    @Test
    void restoreGoesOnPastFailuresAndReportsThemOneLineEach() throws Exception {
        Path good = Files.writeString(dir.resolve("good"), "1");
        Path gone = Files.writeString(dir.resolve("gone"), "1");
        SettingsJournal journal = new SettingsJournal();
        journal.change(good, "0", "1");
        journal.change(gone, "0", "1");
        Files.delete(gone);
        List<String> failures = journal.restore();
        assertEquals(List.of("cannot write '0' to " + gone + ": No such file or directory"), failures);
        assertEquals("0", Files.readString(good));
    }
}
