package org.jblktrace.core.reqlog;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jblktrace.core.kernel.Errno;

/**
 * Where a migration writes: a block device, opened exclusively (no mounted or otherwise held
 * device is overwritten) and at least as large as the source, or a regular file, created if
 * missing and made exactly the source's size, its blocks reserved up front where the file system
 * can, so that a full disk shows before the copy starts.
 */
public final class TargetFile implements Migration.Target, AutoCloseable {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;

    private final String path;
    private final int fd;

    private TargetFile(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens {@code path} for a copy of {@code source}; refuses the source itself and what holds it. */
    public static TargetFile open(String path, BlockDeviceInfo source, long sizeBytes) throws ReqlogException {
        Path file = Path.of(path);
        int mode = -1;
        long rdev = 0;
        if (Files.exists(file)) {
            try {
                mode = (Integer) Files.getAttribute(file, "unix:mode") & S_IFMT;
                rdev = (Long) Files.getAttribute(file, "unix:rdev");
            } catch (IOException | UnsupportedOperationException e) {
                throw new ReqlogException("cannot examine " + path + ": " + BlockDeviceInfo.reason(e));
            }
        }
        if (mode == S_IFBLK) {
            BlockDeviceInfo target = BlockDeviceInfo.of(path);
            if (target.diskMajor() == source.diskMajor() && target.diskMinor() == source.diskMinor()
                    && target.startSector() < source.startSector() + source.sectors()
                    && source.startSector() < target.startSector() + target.sectors()) {
                throw new ReqlogException(path + " overlaps the source " + source.path());
            }
            return openBlockDevice(path, sizeBytes);
        }
        if (mode != -1 && mode != S_IFREG) {
            throw new ReqlogException(path + " is neither a block device nor a regular file");
        }
        refuseBackingFile(file, source);
        return openRegularFile(path, sizeBytes);
    }

    /** A loop device's backing file is the source's own data. */
    private static void refuseBackingFile(Path file, BlockDeviceInfo source) throws ReqlogException {
        Path backing = source.diskSysfs().resolve("loop/backing_file");
        boolean same;
        try {
            same = Files.exists(backing) && Files.exists(file)
                    && Files.isSameFile(Path.of(Files.readString(backing).strip()), file);
        } catch (IOException e) {
            // The loop device or its file is gone; the copy will say so.
            same = false;
        }
        if (same) {
            throw new ReqlogException(file + " is the backing file of the source " + source.path());
        }
    }

    private static TargetFile openBlockDevice(String path, long sizeBytes) throws ReqlogException {
        int fd;
        try {
            fd = NativeCalls.open(path, NativeCalls.O_WRONLY | NativeCalls.O_EXCL | NativeCalls.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new ReqlogException("cannot open " + path + " for writing: " + NativeCalls.text(e)
                    + (e.getErrorCode() == Errno.EBUSY ? " (mounted or in use)" : ""));
        }
        TargetFile target = new TargetFile(path, fd);
        try (com.sun.jna.Memory value = new com.sun.jna.Memory(8)) {
            NativeCalls.ioctl(fd, NativeCalls.BLKGETSIZE64, com.sun.jna.Pointer.nativeValue(value));
            long size = value.getLong(0);
            if (size < sizeBytes) {
                target.close();
                throw new ReqlogException(path + " is smaller than the source (" + size + " < " + sizeBytes
                        + " bytes)");
            }
        } catch (LastErrorException e) {
            target.close();
            throw new ReqlogException("cannot read the size of " + path + ": " + NativeCalls.text(e));
        }
        return target;
    }

    private static TargetFile openRegularFile(String path, long sizeBytes) throws ReqlogException {
        int fd;
        try {
            fd = NativeCalls.open(path, NativeCalls.O_WRONLY | NativeCalls.O_CREAT | NativeCalls.O_CLOEXEC, 0644);
        } catch (LastErrorException e) {
            throw new ReqlogException("cannot open " + path + " for writing: " + NativeCalls.text(e));
        }
        TargetFile target = new TargetFile(path, fd);
        try {
            NativeCalls.ftruncate(fd, sizeBytes);
        } catch (LastErrorException e) {
            target.close();
            throw new ReqlogException("cannot make " + path + " " + sizeBytes + " bytes long: " + NativeCalls.text(e));
        }
        try {
            NativeCalls.fallocate(fd, 0, 0, sizeBytes);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Errno.EOPNOTSUPP) {
                target.close();
                throw new ReqlogException("cannot reserve " + sizeBytes + " bytes for " + path + ": "
                        + NativeCalls.text(e));
            }
        }
        return target;
    }

    @Override
    public void write(long offset, ByteBuffer from) throws ReqlogException {
        long address = NativeCalls.address(from);
        while (from.hasRemaining()) {
            try {
                long n = NativeCalls.pwrite(fd, address + from.position(), from.remaining(), offset);
                from.position(from.position() + (int) n);
                offset += n;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw new ReqlogException("cannot write " + path + " at byte " + offset + ": "
                            + NativeCalls.text(e));
                }
            }
        }
    }

    @Override
    public void sync() throws ReqlogException {
        try {
            NativeCalls.fdatasync(fd);
        } catch (LastErrorException e) {
            throw new ReqlogException("cannot flush " + path + " to stable storage: " + NativeCalls.text(e));
        }
    }

    @Override
    public void close() {
        try {
            NativeCalls.close(fd);
        } catch (LastErrorException e) {
            // sync() is what makes the data durable; its errors are reported there.
        }
    }
}
