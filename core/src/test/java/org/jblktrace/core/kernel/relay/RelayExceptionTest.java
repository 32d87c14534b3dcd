package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.relay.RelayException.Reason;
import org.junit.jupiter.api.Test;

class RelayExceptionTest {
    @Test
    void epermMeansLockdownOnlyForRelayFiles() {
        assertEquals(Reason.LOCKED_DOWN, RelayException.ofRelayFile(Errno.EPERM, "x").reason());
        assertEquals(Reason.NOT_PERMITTED, RelayException.ofDevice(Errno.EPERM, "x").reason());
    }

    @Test
    void deviceErrnosAreClassified() {
        assertEquals(Reason.BUSY, RelayException.ofDevice(Errno.EBUSY, "x").reason());
        assertEquals(Reason.NOT_SUPPORTED, RelayException.ofDevice(Errno.ENOTTY, "x").reason());
        assertEquals(Reason.NOT_FOUND, RelayException.ofDevice(Errno.ENOENT, "x").reason());
        assertEquals(Reason.NOT_FOUND, RelayException.ofDevice(Errno.ENXIO, "x").reason());
        assertEquals(Reason.NOT_FOUND, RelayException.ofDevice(Errno.ENODEV, "x").reason());
        assertEquals(Reason.NOT_PERMITTED, RelayException.ofDevice(Errno.EACCES, "x").reason());
        assertEquals(Reason.NOT_PERMITTED, RelayException.ofRelayFile(Errno.EACCES, "x").reason());
        assertEquals(Reason.INVALID, RelayException.ofDevice(Errno.EINVAL, "x").reason());
        assertEquals(Reason.OTHER, RelayException.ofDevice(5, "x").reason());
    }

    @Test
    void errnoIsDescribedLikeBlktrace() {
        assertEquals("13/Permission denied", Errno.describe(Errno.EACCES));
        RelayException e = RelayException.ofDevice(Errno.EACCES, "Invalid path /dev/sda specified: 13/Permission denied");
        assertEquals(13, e.errno());
        assertEquals("Invalid path /dev/sda specified: 13/Permission denied", e.getMessage());
    }
}
