package org.jblktrace.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IoctlTest {
    @Test
    void requestsMatchTheKernelsMacros() {
        // BLKTRACESETUP = _IOWR(0x12, 115, struct blk_user_trace_setup), 72 bytes on LP64.
        assertEquals(0xC0481273L, Ioctl.request(Ioctl.READ | Ioctl.WRITE, 0x12, 115, 72));
        // BLKTRACESTART = _IO(0x12, 116).
        assertEquals(0x1274L, Ioctl.request(Ioctl.NONE, 0x12, 116, 0));
        // _IOW(0xB7, 2, 8 bytes) and _IOR(0xB7, 9, 4 bytes).
        assertEquals(0x4008B702L, Ioctl.request(Ioctl.WRITE, 0xB7, 2, 8));
        assertEquals(0x8004B709L, Ioctl.request(Ioctl.READ, 0xB7, 9, 4));
    }
}
