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

    @Test
    void theControlsOfADeviceRemovedMeanwhileNeedNothingAndTheRecordGoes() throws Exception {
        Path deviceDir = Files.createDirectories(dir.resolve("block/loop9/trace")).getParent();
        Path enable = Files.writeString(deviceDir.resolve("trace/enable"), "0");
        Path clock = Files.writeString(dir.resolve("trace_clock"), "local");
        Path run = dir.resolve("run");
        SettingsJournal journal = new SettingsJournal();
        journal.keepOnDisk(JournalFile.create(run, 42, 7, List.of("/dev/loop9")));
        journal.change(clock, "local", "mono");
        journal.change(enable, "0", "1");
        Files.delete(enable);
        Files.delete(enable.getParent());
        Files.delete(deviceDir);

        assertEquals(List.of(), journal.restore());
        assertEquals("local", Files.readString(clock));
        assertEquals(null, JournalFile.read(run), "nothing is left for blktrace -k");
    }

    @Test
    void onDiskEachOriginalIsWrittenBeforeItsChangeAndTheFileGoesWhenAllIsBack() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "0");
        Path odd = Files.writeString(dir.resolve("odd"), "x");
        Path run = dir.resolve("run");
        SettingsJournal journal = new SettingsJournal();
        journal.keepOnDisk(JournalFile.create(run, 42, 7, List.of("/dev/loop0")));
        journal.change(a, "0", "1");
        journal.remember(odd, "tab\there\nand \\ newline");
        // A change is made only after its line is on disk; a line cut short had not been made.
        Files.writeString(run.resolve(JournalFile.NAME), "change " + odd + "\tcut", java.nio.file.StandardOpenOption.APPEND);
        JournalFile.Contents contents = JournalFile.read(run);
        assertEquals(new JournalFile.Contents(42, 7, List.of("/dev/loop0"), List.of(new JournalFile.Change(a, "0"),
            new JournalFile.Change(odd, "tab\there\nand \\ newline"))), contents);
        assertEquals(List.of(), journal.restore());
        assertEquals("0", Files.readString(a));
        assertTrue(!Files.exists(run.resolve(JournalFile.NAME)), "the journal is removed once all is back");
    }

    @Test
    void aFailedRestoreKeepsTheJournalOnDisk() throws Exception {
        Path gone = dir.resolve("gone");
        Path run = dir.resolve("run");
        SettingsJournal journal = new SettingsJournal();
        journal.keepOnDisk(JournalFile.create(run, 42, 7, List.of("/dev/loop0")));
        journal.remember(gone, "0");
        List<String> failures = journal.restore();
        assertEquals("what is left changed is recorded for 'blktrace -k'", failures.get(failures.size() - 1));
        assertTrue(Files.exists(run.resolve(JournalFile.NAME)));
        assertEquals(null, JournalFile.create(run, 43, 8, List.of()), "a journal on disk is a claim on tracefs");
    }
}
