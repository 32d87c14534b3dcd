package org.jblktrace.core.btt;

import java.util.Arrays;

/**
 * How often each seek distance occurred, in first-seen order. btt counts them in a red-black
 * tree as they come; a tree that is only ever inserted into has a shape fixed by the order in
 * which its distinct keys first arrive, so counting in a hash table and building the same tree
 * once at the end gives btt's tree at a fraction of the cost per seek.
 */
final class DistanceCounts {
    private long[] slotKeys = new long[64];
    /** Index into {@link #keys} plus one; 0 marks an empty slot. */
    private int[] slotIndex = new int[64];
    private long[] keys = new long[32];
    private int[] counts = new int[32];
    private int size;

    private static int hash(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    void add(long key) {
        int mask = slotKeys.length - 1;
        int i = hash(key, mask);
        int index;
        while ((index = slotIndex[i]) != 0) {
            if (slotKeys[i] == key) {
                counts[index - 1]++;
                return;
            }
            i = (i + 1) & mask;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        keys[size] = key;
        counts[size] = 1;
        size++;
        slotKeys[i] = key;
        slotIndex[i] = size;
        if (2 * size > slotKeys.length) {
            rehash();
        }
    }

    private void rehash() {
        slotKeys = new long[slotKeys.length * 2];
        slotIndex = new int[slotKeys.length];
        int mask = slotKeys.length - 1;
        for (int k = 0; k < size; k++) {
            int i = hash(keys[k], mask);
            while (slotIndex[i] != 0) {
                i = (i + 1) & mask;
            }
            slotKeys[i] = keys[k];
            slotIndex[i] = k + 1;
        }
    }

    /** btt's bucket tree: the distinct distances inserted in first-seen order; counts by node id. */
    RbTree tree(int[][] countsByNode) {
        RbTree tree = new RbTree(Math.max(size, 1));
        int[] byNode = new int[Math.max(size, 1)];
        for (int k = 0; k < size; k++) {
            int node = tree.insertUnique(keys[k]);
            byNode[node] = counts[k];
        }
        countsByNode[0] = byNode;
        return tree;
    }
}
