package org.jblktrace.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void everyDeviceGetsAFilePerCpuAndWritesAppend() throws Exception {
        Files.writeString(dir.resolve("sdb.blktrace.1"), "old contents");
        try (TraceFileWriter writer = new TraceFileWriter(dir)) {
            writer.open(List.of("sda", "sdb"), 3);
            writer.write("sda", 2, ByteBuffer.wrap(new byte[] {1, 2}));
            writer.write("sda", 2, ByteBuffer.wrap(new byte[] {3}));
            writer.write("sdb", 0, ByteBuffer.wrap(new byte[] {4}));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("sda.blktrace.2")));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(dir.resolve("sdb.blktrace.0")));
        for (String empty : new String[] {"sda.blktrace.0", "sda.blktrace.1", "sdb.blktrace.1", "sdb.blktrace.2"}) {
            assertEquals(0, Files.size(dir.resolve(empty)), empty);
        }
    }

    @Test
    void anOutputNameReplacesTheDeviceNameAndSlashesBecomeUnderscores() throws Exception {
        try (TraceFileWriter writer = new TraceFileWriter(dir, "run/one")) {
            writer.open(List.of("sda"), 1);
            writer.write("sda", 0, ByteBuffer.wrap(new byte[] {7}));
        }
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(dir.resolve("run_one.blktrace.0")));
        assertEquals(dir.resolve("cciss_c0d0.blktrace.3"), TraceFileWriter.fileName(dir, "cciss/c0d0", 3));
    }

    @Test
    void anOutputNameNeedsASingleDevice() throws Exception {
        try (TraceFileWriter writer = new TraceFileWriter(dir, "x")) {
            assertThrows(IllegalArgumentException.class, () -> writer.open(List.of("sda", "sdb"), 1));
        }
    }

    @Test
    void writesForUnknownStreamsAreRefused() throws Exception {
        try (TraceFileWriter writer = new TraceFileWriter(dir)) {
            writer.open(List.of("sda"), 2);
            assertThrows(IllegalArgumentException.class, () -> writer.write("sdz", 0, ByteBuffer.allocate(1)));
            assertThrows(IllegalArgumentException.class, () -> writer.write("sda", 2, ByteBuffer.allocate(1)));
        }
    }
}
