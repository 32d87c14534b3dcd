package org.jblktrace.core.reqlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.Errno;

/**
 * A block device as sysfs describes it: its number, its disk's (the same for a whole disk), where
 * it starts on that disk and how long it is, in 512-byte sectors. The kernel logs requests on the
 * disk, in the disk's sectors.
 */
public record BlockDeviceInfo(String path, String name, int major, int minor, int diskMajor, int diskMinor,
                              long startSector, long sectors, Path sysfs, Path diskSysfs) {
    /** The device whose node is {@code path}; fails with one line if it is none. */
    public static BlockDeviceInfo of(String path) throws ReqlogException {
        DeviceNode node;
        try {
            node = DeviceNode.resolve(path, DeviceNode.SYSFS);
        } catch (IOException e) {
            throw new ReqlogException(e.getMessage());
        }
        Path sysfs = node.sysfsDirectory();
        int major = node.major();
        int minor = node.minor();
        try {
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

    /** The C library's text for a failed examination or read, or the exception's message. */
    static String reason(Exception e) {
        return e instanceof IOException io ? Errno.text(io) : String.valueOf(e.getMessage());
    }
}
