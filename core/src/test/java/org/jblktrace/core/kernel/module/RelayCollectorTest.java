package org.jblktrace.core.kernel.module;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain files stand in for relay files: both return no data when nothing new was written. */
class RelayCollectorTest {

    @Test
    void copiesEachCpuStreamIncrementallyIntoBlktraceNamedFiles(@TempDir Path dir) throws Exception {
        Path debugfs = dir.resolve("debugfs");
        Path trace = Files.createDirectories(debugfs.resolve("jblktrace").resolve("vda"));
        Files.write(trace.resolve("trace0"), new byte[] {1, 2, 3});
        Files.write(trace.resolve("trace1"), new byte[0]);
        Path out = Files.createDirectories(dir.resolve("out"));

        try (RelayCollector collector = RelayCollector.toBlktraceFiles(
                TraceDirectory.of(debugfs, "vda"), out, "disk")) {
            assertEquals(2, collector.streams());
            assertEquals(3, collector.drain());
            assertEquals(0, collector.drain());

            Files.write(trace.resolve("trace0"), new byte[] {4}, StandardOpenOption.APPEND);
            byte[] big = new byte[200_000];
            big[199_999] = 9;
            Files.write(trace.resolve("trace1"), big, StandardOpenOption.APPEND);
            assertEquals(200_001, collector.drain());
            assertEquals(4, collector.copied(0));
            assertEquals(200_000, collector.copied(1));
        }
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Files.readAllBytes(out.resolve("disk.blktrace.0")));
        assertEquals(9, Files.readAllBytes(out.resolve("disk.blktrace.1"))[199_999]);
    }

    @Test
    void missingCpuGetsAnEmptyFile(@TempDir Path dir) throws Exception {
        Path trace = Files.createDirectories(dir.resolve("jblktrace").resolve("sdb1"));
        Files.write(trace.resolve("trace0"), new byte[] {7});
        Files.write(trace.resolve("trace2"), new byte[] {8});

        try (RelayCollector collector = RelayCollector.toBlktraceFiles(
                TraceDirectory.of(dir, "sdb1"), dir, "sdb1")) {
            assertEquals(2, collector.drain());
        }
        assertEquals(0, Files.size(dir.resolve("sdb1.blktrace.1")));
        assertTrue(Files.exists(dir.resolve("sdb1.blktrace.2")));
    }
}
