package org.jblktrace.core.parse;

/**
 * A device's tracked requests by sector ({@code -t}): the lookups blkparse does in its
 * per-device tree, as a hash map (open addressing with backward-shift deletion).
 *
 * @param <V> what is tracked at a sector
 */
final class SectorMap<V> {
    private long[] keys = new long[64];
    private Object[] values = new Object[64];
    private int size;

    @SuppressWarnings("unchecked")
    V get(long sector) {
        int mask = keys.length - 1;
        for (int i = slot(sector, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null || keys[i] == sector) {
                return (V) v;
            }
        }
    }

    /** Adds a value at a sector that holds none yet. */
    void add(long sector, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(sector, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = sector;
        values[i] = value;
        size++;
    }

    void remove(long sector) {
        int mask = keys.length - 1;
        int i = slot(sector, mask);
        while (values[i] != null && keys[i] != sector) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        // Move later members of the probe run back so lookups never stop early.
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                add(oldKeys[i], (V) oldValues[i]);
            }
        }
    }

    private static int slot(long sector, int mask) {
        long h = sector * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
