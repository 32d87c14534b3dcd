package org.jblktrace.core.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceDirectoryTest {

    @Test
    void locatesTheTraceUnderDebugfs() {
        assertEquals(Path.of("/sys/kernel/debug/jblktrace/nvme0n1"),
                TraceDirectory.of(TraceDirectory.DEFAULT_DEBUGFS, "nvme0n1").path());
    }

    @Test
    void listsCpuFilesByNumberWithGapsAsNull(@TempDir Path dir) throws IOException {
        Path trace = Files.createDirectories(dir.resolve("jblktrace/vda"));
        for (String name : List.of("trace10", "trace0", "trace2", "dropped", "msg")) {
            Files.createFile(trace.resolve(name));
        }
        List<Path> files = TraceDirectory.of(dir, "vda").cpuFiles();
        assertEquals(11, files.size());
        assertEquals(trace.resolve("trace0"), files.get(0));
        assertNull(files.get(1));
        assertEquals(trace.resolve("trace2"), files.get(2));
        assertEquals(trace.resolve("trace10"), files.get(10));
    }

    @Test
    void directoryWithoutCpuFilesIsAnError(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("jblktrace/vda"));
        IOException e = assertThrows(IOException.class, () -> TraceDirectory.of(dir, "vda").cpuFiles());
        assertEquals("no per-CPU trace files in " + dir.resolve("jblktrace/vda"), e.getMessage());
    }

    @Test
    void readsTheDroppedCount(@TempDir Path dir) throws IOException {
        Path trace = Files.createDirectories(dir.resolve("jblktrace/vda"));
        Files.writeString(trace.resolve("dropped"), "2796\n");
        assertEquals(2796, TraceDirectory.of(dir, "vda").dropped());
        Files.writeString(trace.resolve("dropped"), "x\n");
        assertThrows(IOException.class, () -> TraceDirectory.of(dir, "vda").dropped());
    }

    @Test
    void readsTheVersionDroppedCount(@TempDir Path dir) throws IOException {
        Path trace = Files.createDirectories(dir.resolve("jblktrace/vda"));
        Files.writeString(trace.resolve("version_dropped"), "17\n");
        assertEquals(17, TraceDirectory.of(dir, "vda").versionDropped());
        Files.writeString(trace.resolve("version_dropped"), "\n");
        assertEquals("unexpected content in " + trace.resolve("version_dropped") + ": ",
                assertThrows(IOException.class, () -> TraceDirectory.of(dir, "vda").versionDropped()).getMessage());
    }

    @Test
    void writesMessagesUpToTheKernelLimit(@TempDir Path dir) throws IOException {
        Path trace = Files.createDirectories(dir.resolve("jblktrace/vda"));
        TraceDirectory directory = TraceDirectory.of(dir, "vda");
        directory.message("x".repeat(127));
        assertEquals("x".repeat(127), Files.readString(trace.resolve("msg")));
        assertThrows(IllegalArgumentException.class, () -> directory.message("x".repeat(128)));
    }
}
