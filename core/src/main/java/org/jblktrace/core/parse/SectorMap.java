package org.jblktrace.core.parse;

/** Sector-keyed hash map of tracked I/Os (open addressing with backward-shift deletion). */
final class SectorMap {
    private long[] keys = new long[64];
    private IoTrack[] values = new IoTrack[64];
    private int size;

    IoTrack get(long sector) {
        int mask = keys.length - 1;
        for (int i = slot(sector, mask); ; i = (i + 1) & mask) {
            IoTrack v = values[i];
            if (v == null || keys[i] == sector) {
                return v;
            }
        }
    }

    /** Adds a track whose sector is not yet present. */
    void add(IoTrack track) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(track.sector, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = track.sector;
        values[i] = track;
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

    private void grow() {
        long[] oldKeys = keys;
        IoTrack[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new IoTrack[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                add(oldValues[i]);
            }
        }
    }

    private static int slot(long sector, int mask) {
        long h = sector * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
