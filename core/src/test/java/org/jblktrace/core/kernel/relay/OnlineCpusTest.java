package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class OnlineCpusTest {
    @Test
    void rangesAndSinglesWithTrailingNewline() throws IOException {
        OnlineCpus cpus = OnlineCpus.parse("0-3,5,8-9\n");
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 8, 9}, cpus.toArray());
        assertEquals(7, cpus.count());
        assertEquals(10, cpus.maxCpus());
        assertTrue(cpus.isOnline(5));
        assertFalse(cpus.isOnline(4));
    }

    @Test
    void singleCpusBetweenRangesWithoutTrailingNewline() throws IOException {
        assertArrayEquals(new int[] {0, 2, 3, 4, 7}, OnlineCpus.parse("0,2-4,7").toArray());
        assertArrayEquals(new int[] {0, 1}, OnlineCpus.parse("0-1\n").toArray());
    }

    @Test
    void singleCpu() throws IOException {
        OnlineCpus cpus = OnlineCpus.parse("0\n");
        assertEquals(1, cpus.count());
        assertEquals(1, cpus.maxCpus());
    }

    @Test
    void holeAtCpuZeroStillCountsFromZero() throws IOException {
        OnlineCpus cpus = OnlineCpus.parse("2-3");
        assertEquals(2, cpus.count());
        assertEquals(4, cpus.maxCpus());
    }

    @Test
    void malformedListsAreRejected() {
        for (String bad : new String[] {"", "\n", "a", "1-", "-1", "3-1", "0,,1", "0-1-2", "1 2"}) {
            assertThrows(IOException.class, () -> OnlineCpus.parse(bad), bad);
        }
    }

    @Test
    void thisMachineHasAnOnlineCpu() throws IOException {
        OnlineCpus cpus = OnlineCpus.read();
        assertTrue(cpus.count() >= 1);
        assertTrue(cpus.maxCpus() >= cpus.count());
    }
}
