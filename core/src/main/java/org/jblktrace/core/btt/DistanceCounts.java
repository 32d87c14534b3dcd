package org.jblktrace.core.btt;

import java.util.Arrays;

/**
 * How often each seek distance occurred, in first-seen order. btt counts them in a red-black
 * tree as they come; a tree that is only ever inserted into has a shape fixed by the order in
 * which its distinct keys first arrive, so counting in a hash table and building the same tree
 * once at the end gives btt's tree at a fraction of the cost per seek.
 */
final class DistanceCounts {
    /**
     * Open addressing, slot i's distance at [2i] and its count at [2i + 1] (0: empty): a seek
     * touches one cache line, where separate key, index and count arrays cost three misses on
     * tables of tens of thousands of distances.
     */
    private long[] slots = new long[128];
    /** The distinct distances in first-seen order. */
    private long[] keys = new long[32];
    private int size;

    private static int hash(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /**
     * Distances not yet counted. Counting a batch in a tight loop lets the processor overlap
     * the cache misses of several lookups, which one lookup per seek amid the rest of the
     * event's work cannot.
     */
    private final long[] pending = new long[1024];
    private int pendingCount;

    void add(long key) {
        pending[pendingCount++] = key;
        if (pendingCount == pending.length) {
            drain();
        }
    }

    private void drain() {
        for (int p = 0; p < pendingCount; p++) {
            count(pending[p]);
        }
        pendingCount = 0;
    }

    private void count(long key) {
        long[] s = slots;
        int mask = (s.length >> 1) - 1;
        int i = hash(key, mask);
        while (s[2 * i + 1] != 0) {
            if (s[2 * i] == key) {
                s[2 * i + 1]++;
                return;
            }
            i = (i + 1) & mask;
        }
        s[2 * i] = key;
        s[2 * i + 1] = 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
        if (4 * size > s.length) {
            rehash();
        }
    }

    /** The slot holding {@code key}, which is present. */
    private int slot(long key) {
        long[] s = slots;
        int mask = (s.length >> 1) - 1;
        int i = hash(key, mask);
        while (s[2 * i] != key || s[2 * i + 1] == 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void rehash() {
        long[] old = slots;
        long[] s = new long[old.length * 2];
        int mask = (s.length >> 1) - 1;
        for (int j = 0; j < old.length; j += 2) {
            if (old[j + 1] != 0) {
                int i = hash(old[j], mask);
                while (s[2 * i + 1] != 0) {
                    i = (i + 1) & mask;
                }
                s[2 * i] = old[j];
                s[2 * i + 1] = old[j + 1];
            }
        }
        slots = s;
    }

    /** btt's bucket tree: the distinct distances inserted in first-seen order; counts by node id. */
    RbTree tree(int[][] countsByNode) {
        drain();
        RbTree tree = new RbTree(Math.max(size, 1));
        int[] byNode = new int[Math.max(size, 1)];
        for (int k = 0; k < size; k++) {
            int node = tree.insertUnique(keys[k]);
            byNode[node] = (int) slots[2 * slot(keys[k]) + 1];
        }
        countsByNode[0] = byNode;
        return tree;
    }
}
