package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FreedBlocks12Test {
    private static IoTrack completed(long time) {
        IoTrack iot = new IoTrack();
        iot.allocationTime = time;
        iot.queueTime = time + 1;
        iot.dispatchTime = time + 2;
        return iot;
    }

    @Test
    void theBlockFreedLastIsTakenFirstAndAnEmptyHeapGivesZeroes() {
        FreedBlocks12 freed = new FreedBlocks12();
        freed.free(completed(10));
        freed.free(completed(20));
        assertEquals(20, freed.take()[0]);
        assertEquals(11, freed.take()[1]);
        assertEquals(0, freed.take()[2]);
    }

    @Test
    void memoryStaysBoundedWhenFarMoreIsFreedThanTaken() {
        FreedBlocks12 freed = new FreedBlocks12();
        int freedCount = 200_000;
        for (int i = 1; i <= freedCount; i++) {
            freed.free(completed(i));
        }
        int taken = 0;
        while (freed.take()[0] != 0) {
            taken++;
        }
        // The cache's seven and the fast bin's newest 4096; the rest were let go.
        assertEquals(7 + 4096, taken);
    }
}
