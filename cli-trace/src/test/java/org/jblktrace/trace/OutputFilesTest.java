package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.jblktrace.core.kernel.relay.SyntheticTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File mode's handling of a failed write (a full disk), on a channel that runs out of room. */
class OutputFilesTest {
    @TempDir
    Path dir;

    /** A real file that takes {@code room} bytes, then fails writes as a full disk does. */
    private static final class FullDisk extends FileChannel {
        private final FileChannel file;
        private long room;
        private IOException truncateFailure;

        FullDisk(FileChannel file, long room) {
            this.file = file;
            this.room = room;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (room == 0) {
                throw new IOException("No space left on device");
            }
            ByteBuffer part = src.slice().limit((int) Math.min(src.remaining(), room));
            int written = file.write(part);
            src.position(src.position() + written);
            room -= written;
            return written;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (truncateFailure != null) {
                throw truncateFailure;
            }
            file.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }

    /** Whole records written before the disk fills up. */
    private static final byte[] FIRST = SyntheticTrace.records(10, 0, ByteOrder.nativeOrder(), true);
    private static final byte[] TRACE = concat(FIRST, SyntheticTrace.records(10, 1, ByteOrder.nativeOrder(), true));

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private FullDisk fullDiskAfter(long room) throws IOException {
        return new FullDisk(FileChannel.open(dir.resolve("sda.blktrace.0"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE), room);
    }

    @Test
    void aFailedWriteCutsTheFileBackToItsLastWholeRecord() throws Exception {
        // The room ends 20 bytes into the next record, whose header alone is 48 bytes or more.
        try (FullDisk file = fullDiskAfter(FIRST.length + 20)) {
            IOException e = assertThrows(IOException.class,
                    () -> OutputFiles.storeCuttingBack(file, ByteBuffer.wrap(TRACE)));
            assertEquals("No space left on device", e.getMessage());
            assertEquals(0, e.getSuppressed().length);
        }
        assertArrayEquals(FIRST, Files.readAllBytes(dir.resolve("sda.blktrace.0")));
    }

    @Test
    void aFailedCutKeepsTheWriteFailureAndBothAreReported() throws Exception {
        OutputFiles output = new OutputFiles(dir.toString(), null, new StopRequest());
        output.open(List.of("sda"), 1);
        IOException cutFailure = new IOException("Input/output error");
        IOException e;
        try (FullDisk file = fullDiskAfter(100)) {
            file.truncateFailure = cutFailure;
            e = assertThrows(IOException.class, () -> OutputFiles.storeCuttingBack(file, ByteBuffer.wrap(TRACE)));
        } finally {
            output.close();
        }
        assertEquals("No space left on device", e.getMessage());
        assertSame(cutFailure, e.getSuppressed()[0]);
        assertEquals("blktrace: writing " + dir + "/sda.blktrace.0 failed: No space left on device; stopped, "
                + "and cutting it back to its last whole record failed too: Input/output error",
                output.describeFailure(0, 0, e));
        assertEquals("blktrace: writing " + dir + "/sda.blktrace.0 failed: No space left on device; stopped, "
                + "the files keep the whole records written so far",
                output.describeFailure(0, 0, new IOException("No space left on device")));
    }
}
