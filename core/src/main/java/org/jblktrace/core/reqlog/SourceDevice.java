package org.jblktrace.core.reqlog;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import org.jblktrace.core.kernel.Errno;

/** The device a migration copies, read with O_DIRECT so that the page cache never answers. */
public final class SourceDevice implements Migration.Source, AutoCloseable {
    private final BlockDeviceInfo info;
    private final int fd;
    private final long sizeBytes;
    private final int blockSize;

    private SourceDevice(BlockDeviceInfo info, int fd, long sizeBytes, int blockSize) {
        this.info = info;
        this.fd = fd;
        this.sizeBytes = sizeBytes;
        this.blockSize = blockSize;
    }

    public static SourceDevice open(BlockDeviceInfo info) throws ReqlogException {
        int fd;
        try {
            fd = NativeCalls.open(info.path(), NativeCalls.O_RDONLY | NativeCalls.O_DIRECT | NativeCalls.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new ReqlogException("cannot open " + info.path() + " for direct reading: " + NativeCalls.text(e));
        }
        try (Memory value = new Memory(8)) {
            long size = size(fd, value);
            NativeCalls.ioctl(fd, NativeCalls.BLKSSZGET, com.sun.jna.Pointer.nativeValue(value));
            int logical = value.getInt(0);
            return new SourceDevice(info, fd, size, logical);
        } catch (LastErrorException e) {
            NativeCalls.close(fd);
            throw new ReqlogException("cannot read the size of " + info.path() + ": " + NativeCalls.text(e));
        }
    }

    private static long size(int fd, Memory value) {
        value.setLong(0, 0);
        NativeCalls.ioctl(fd, NativeCalls.BLKGETSIZE64, com.sun.jna.Pointer.nativeValue(value));
        return value.getLong(0);
    }

    @Override
    public long currentSizeBytes() throws ReqlogException {
        try (Memory value = new Memory(8)) {
            return size(fd, value);
        } catch (LastErrorException e) {
            throw new ReqlogException("cannot read the size of " + info.path() + ": " + NativeCalls.text(e));
        }
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public void read(long offset, ByteBuffer into) throws ReqlogException {
        long address = NativeCalls.address(into);
        while (into.hasRemaining()) {
            long n;
            try {
                n = NativeCalls.pread(fd, address + into.position(), into.remaining(), offset);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EINTR) {
                    continue;
                }
                throw new ReqlogException("cannot read " + info.path() + " at byte " + offset + ": "
                        + NativeCalls.text(e) + (e.getErrorCode() == Errno.EIO || e.getErrorCode() == Errno.ENXIO
                        ? " (did the device go away?)" : ""));
            }
            if (n == 0) {
                throw new ReqlogException(info.path() + " ends at byte " + offset + ", before its size of "
                        + sizeBytes + " bytes: it shrank or went away");
            }
            into.position(into.position() + (int) n);
            offset += n;
        }
    }

    @Override
    public long writesInFlight() throws ReqlogException {
        return info.writesInFlight();
    }

    @Override
    public void close() {
        try {
            NativeCalls.close(fd);
        } catch (LastErrorException e) {
            // Read-only: closing loses nothing.
        }
    }
}
