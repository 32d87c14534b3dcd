package org.jblktrace.core.btt;

import org.jblktrace.core.record.Blk;

/**
 * A queued request that btt keeps until its completion (the Q of a request life cycle), with
 * the times the later events of the cycle stamp on it. Times are u64 nanoseconds; -1 means
 * "not seen", as in btt.
 */
final class Io {
    static final long UNSET = -1L;
    static final long READ_BIT = (long) Blk.TC_READ << Blk.TC_SHIFT;

    /** Node id in the device's queue tree. */
    int node;
    Device device;
    ProcessInfo process;
    long time;
    long sector;
    int bytes;
    long action;
    int pid;
    long gTime;
    long iTime;
    long mTime;
    long dTime;
    long cTime;
    long sTime;
    long dSector;
    int dSectors;
    long cSector;
    int cSectors;

    long start() {
        return sector;
    }

    /** BIT_END: the sector after the last one (u64). */
    long end() {
        return sector + ((bytes & 0xFFFFFFFFL) >>> 9);
    }

    int sectors() {
        return bytes >>> 9;
    }

    boolean isRead() {
        return (action & READ_BIT) != 0;
    }
}
