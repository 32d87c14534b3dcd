package org.jblktrace.core.reqlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jblktrace.core.kernel.DeviceNumbers;

/**
 * A block device as sysfs describes it: its number, its disk's (the same for a whole disk), where
 * it starts on that disk and how long it is, in 512-byte sectors. The kernel logs requests on the
 * disk, in the disk's sectors.
 */
public record BlockDeviceInfo(String path, String name, int major, int minor, int diskMajor, int diskMinor,
                              long startSector, long sectors, Path sysfs, Path diskSysfs) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final Path SYS = Path.of("/sys");

    /** The device whose node is {@code path}; fails with one line if it is none. */
    public static BlockDeviceInfo of(String path) throws ReqlogException {
        Path node = Path.of(path);
        int mode;
        long rdev;
        try {
            mode = (Integer) Files.getAttribute(node, "unix:mode");
            rdev = (Long) Files.getAttribute(node, "unix:rdev");
        } catch (IOException | UnsupportedOperationException e) {
            throw new ReqlogException("cannot examine " + path + ": " + reason(e));
        }
        if ((mode & S_IFMT) != S_IFBLK) {
            throw new ReqlogException(path + " is not a block device");
        }
        int major = DeviceNumbers.major(rdev);
        int minor = DeviceNumbers.minor(rdev);
        Path sysfs;
        try {
            sysfs = SYS.resolve("dev/block/" + major + ":" + minor).toRealPath();
            boolean partition = Files.exists(sysfs.resolve("partition"));
            Path disk = partition ? sysfs.getParent() : sysfs;
            String[] diskNumber = Files.readString(disk.resolve("dev")).strip().split(":");
            long start = partition ? Long.parseLong(Files.readString(sysfs.resolve("start")).strip()) : 0;
            long sectors = Long.parseLong(Files.readString(sysfs.resolve("size")).strip());
            return new BlockDeviceInfo(path, sysfs.getFileName().toString().replace('!', '/'), major, minor,
                    Integer.parseInt(diskNumber[0]), Integer.parseInt(diskNumber[1]), start, sectors, sysfs, disk);
        } catch (IOException | RuntimeException e) {
            throw new ReqlogException("block device " + path + " (" + major + ":" + minor
                    + ") is not described in sysfs: " + reason(e));
        }
    }

    /** Whether its disk has a request queue (blk-mq); bio-based drivers (dm, md) issue no requests. */
    public boolean requestBased() {
        return Files.isDirectory(diskSysfs.resolve("mq"));
    }

    public boolean zoned() {
        try {
            return !Files.readString(diskSysfs.resolve("queue/zoned")).strip().equals("none");
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's count of writes in flight ({@code inflight}, second field). */
    public long writesInFlight() throws ReqlogException {
        try {
            String[] counts = Files.readString(sysfs.resolve("inflight")).strip().split("\\s+");
            return Long.parseLong(counts[1]);
        } catch (IOException | RuntimeException e) {
            throw new ReqlogException("cannot read " + sysfs.resolve("inflight") + " (did " + path + " go away?): "
                    + reason(e));
        }
    }

    /** The device's own sector for a disk sector, or -1 outside it. */
    public long toDeviceSector(long diskSector) {
        long sector = diskSector - startSector;
        return sector >= 0 && sector < sectors ? sector : -1;
    }

    public boolean isOnDisk(int recordMajor, int recordMinor) {
        return recordMajor == diskMajor && recordMinor == diskMinor;
    }

    static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
