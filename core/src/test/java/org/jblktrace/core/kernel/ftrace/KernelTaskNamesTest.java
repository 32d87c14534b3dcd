package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelTaskNamesTest {
    @TempDir
    Path root;

    private KernelTaskNames names() throws IOException {
        Path proc = Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(proc.resolve("123"));
        Files.writeString(proc.resolve("123/comm"), "bash\n");
        Path saved = root.resolve("saved_cmdlines");
        Files.writeString(saved, "456 dd\n123 stale\n789 my tool\n");
        return new KernelTaskNames(proc, saved);
    }

    @Test
    void aLiveTaskIsNamedFromProc() throws IOException {
        assertEquals("bash", names().name(123, 0));
    }

    @Test
    void anExitedTaskIsNamedFromSavedCmdlines() throws IOException {
        KernelTaskNames names = names();
        assertEquals("dd", names.name(456, 0));
        assertEquals("my tool", names.name(789, 0));
    }

    @Test
    void savedCmdlinesIsReadAgainForTasksItDidNotKnow() throws IOException {
        KernelTaskNames names = names();
        assertEquals(KernelTaskNames.UNKNOWN, names.name(999, 0));
        Files.writeString(root.resolve("saved_cmdlines"), "999 fio\n");
        assertEquals("fio", names.name(999, 0));
    }

    @Test
    void pidZeroIsTheIdleTaskOfItsCpu() throws IOException {
        assertEquals("swapper/3", names().name(0, 3));
    }

    @Test
    void commIsAtMostFifteenBytesAndNulPadded() {
        byte[] comm = KernelTaskNames.encode("a-very-long-task-name");
        assertEquals(16, comm.length);
        assertEquals("a-very-long-tas", new String(comm, 0, 15, StandardCharsets.ISO_8859_1));
        assertEquals(0, comm[15]);
        assertArrayEquals(new byte[] {'d', 'd', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, KernelTaskNames.encode("dd"));
    }

    @Test
    void savedCmdlinesLinesWithoutPidAreIgnored() {
        assertEquals(Map.of(1, "init", 42, "x y"), KernelTaskNames.parseSavedCmdlines("1 init\n<idle>\nabc def\n42 x y\n"));
    }
}
