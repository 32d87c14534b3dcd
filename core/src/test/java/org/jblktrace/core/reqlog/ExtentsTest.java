package org.jblktrace.core.reqlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtentsTest {
    private static List<Extents.Extent> extents(long... bounds) {
        Extents.Extent[] list = new Extents.Extent[bounds.length / 2];
        for (int i = 0; i < list.length; i++) {
            list[i] = new Extents.Extent(bounds[2 * i], bounds[2 * i + 1]);
        }
        return List.of(list);
    }

    @Test
    void addingMergesOverlappingAndAdjacentExtents() {
        Extents set = new Extents();
        set.add(10, 20);
        set.add(30, 40);
        set.add(20, 25);
        set.add(5, 6);
        assertEquals(extents(5, 6, 10, 25, 30, 40), set.list());
        set.add(6, 35);
        assertEquals(extents(5, 40), set.list());
        assertEquals(35, set.total());
        set.add(7, 7);
        assertEquals(1, set.count());
    }

    @Test
    void removingSplits() {
        Extents set = new Extents();
        set.add(0, 100);
        set.remove(10, 20);
        set.remove(50, 200);
        assertEquals(extents(0, 10, 20, 50), set.list());
        assertEquals(40, set.total());
        set.remove(0, 30);
        assertEquals(extents(30, 50), set.list());
    }

    @Test
    void fromClipsTheExtentThatHoldsTheSector() {
        Extents set = new Extents();
        set.add(10, 20);
        set.add(30, 40);
        assertEquals(new Extents.Extent(15, 20), set.from(15));
        assertEquals(new Extents.Extent(30, 40), set.from(20));
        assertNull(set.from(40));
    }

    @Test
    void agreesWithABitSetUnderRandomChanges() {
        Random random = new Random(42);
        Extents set = new Extents();
        BitSet bits = new BitSet();
        for (int i = 0; i < 20_000; i++) {
            int start = random.nextInt(1000);
            int end = start + random.nextInt(40);
            if (random.nextBoolean()) {
                set.add(start, end);
                bits.set(start, end);
            } else {
                set.remove(start, end);
                bits.clear(start, end);
            }
            assertEquals(bits.cardinality(), set.total());
        }
        BitSet fromExtents = new BitSet();
        Extents.Extent previous = null;
        for (Extents.Extent extent : set.list()) {
            fromExtents.set((int) extent.start(), (int) extent.end());
            if (previous != null && previous.end() >= extent.start()) {
                throw new AssertionError("not merged: " + previous + " " + extent);
            }
            previous = extent;
        }
        assertEquals(bits, fromExtents);
    }
}
