package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.jblktrace.core.kernel.DeviceNode;
import org.junit.jupiter.api.Test;

/** The small text formats of tracefs, sysfs and procfs. */
class KernelTextFormatsTest {
    private static BitSet cpus(int... numbers) {
        BitSet set = new BitSet();
        for (int n : numbers) {
            set.set(n);
        }
        return set;
    }

    @Test
    void cpuMasksAreHexGroupsOf32Bits() {
        assertEquals(cpus(0, 1), CpuMasks.parse("3\n"));
        assertEquals(cpus(0, 33), CpuMasks.parse("00000002,00000001"));
        assertEquals("3", CpuMasks.format(cpus(0, 1), "1"));
        assertEquals("2,00000001", CpuMasks.format(cpus(0, 33), "1"));
        assertEquals("0,00000003", CpuMasks.format(cpus(0, 1), "0,00000001"));
    }

    @Test
    void ringBufferStatsGiveUnreadAndLostEvents() {
        String stats = "entries: 12\noverrun: 3\ncommit overrun: 1\nbytes: 640\n"
            + "oldest event ts:   503.015130\nnow ts:   503.218119\ndropped events: 5\nread events: 6\n";
        RingBufferStats parsed = RingBufferStats.parse(stats);
        assertEquals(12, parsed.entries);
        assertEquals(9, parsed.lost);
        assertEquals(0, RingBufferStats.field(stats, "missing"));
    }

    @Test
    void bufferSizeOfAnUnusedBufferIsRestoredToItsExpandedSize() {
        assertEquals("1408", FtraceCapture.bufferSizeToRestore("7 (expanded: 1408)"));
        assertEquals("2051", FtraceCapture.bufferSizeToRestore("2051"));
    }

    @Test
    void effectiveUidIsTheSecondUidField() {
        assertEquals(0, FtraceCapture.effectiveUid("Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n"));
        assertEquals(1000, FtraceCapture.effectiveUid("Uid:\t0\t1000\t1000\t1000\n"));
    }

    @Test
    void userSpaceDeviceNumbersDecodeLikeGlibc() {
        long loop3 = (7L << 8) | 3;
        assertEquals(7, DeviceNode.major(loop3));
        assertEquals(3, DeviceNode.minor(loop3));
        long big = ((259L & 0xFFF) << 8) | ((259L & ~0xFFFL) << 32) | (300L & 0xFF) | ((300L & ~0xFFL) << 12);
        assertEquals(259, DeviceNode.major(big));
        assertEquals(300, DeviceNode.minor(big));
    }

    @Test
    void theRingBufferPageEndsWhereHeaderPageSaysItsDataEnds() {
        String header = "\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
            + "\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
            + "\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
            + "\tfield: char data;\toffset:16;\tsize:4080;\tsigned:0;\n";
        assertEquals(4096, FtraceCapture.pageSizeFromHeader(header));
        assertEquals(16384, FtraceCapture.pageSizeFromHeader(header.replace("4080", "16368")));
        assertEquals(4096, FtraceCapture.pageSizeFromHeader("nonsense"));
    }
}
