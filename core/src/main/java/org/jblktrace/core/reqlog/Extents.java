package org.jblktrace.core.reqlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of sectors kept as sorted, disjoint, non-adjacent half-open extents: adding merges
 * what touches, removing splits. Not thread-safe.
 */
public final class Extents {
    /** One extent: sectors {@code start} to {@code end - 1}. */
    public record Extent(long start, long end) {
        public long length() {
            return end - start;
        }
    }

    private final TreeMap<Long, Long> endByStart = new TreeMap<>();
    private long total;

    /** Adds {@code [start, end)}; nothing for an empty range. */
    public void add(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = endByStart.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            remove(before.getKey());
        }
        for (Map.Entry<Long, Long> next = endByStart.ceilingEntry(start); next != null && next.getKey() <= end;
                next = endByStart.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            remove(next.getKey());
        }
        endByStart.put(start, end);
        total += end - start;
    }

    /** Removes {@code [start, end)}. */
    public void remove(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = endByStart.lowerEntry(start);
        if (before != null && before.getValue() > start) {
            long beforeEnd = before.getValue();
            remove(before.getKey());
            put(before.getKey(), start);
            if (beforeEnd > end) {
                put(end, beforeEnd);
                return;
            }
        }
        for (Map.Entry<Long, Long> next = endByStart.ceilingEntry(start); next != null && next.getKey() < end;
                next = endByStart.ceilingEntry(start)) {
            remove(next.getKey());
            if (next.getValue() > end) {
                put(end, next.getValue());
            }
        }
    }

    private void remove(long start) {
        total -= endByStart.remove(start) - start;
    }

    private void put(long start, long end) {
        endByStart.put(start, end);
        total += end - start;
    }

    public void clear() {
        endByStart.clear();
        total = 0;
    }

    public boolean isEmpty() {
        return endByStart.isEmpty();
    }

    /** Sectors in the set. */
    public long total() {
        return total;
    }

    public int count() {
        return endByStart.size();
    }

    /** The first extent that ends after {@code sector}, clipped to start there; null if none. */
    public Extent from(long sector) {
        Map.Entry<Long, Long> entry = endByStart.floorEntry(sector);
        if (entry != null && entry.getValue() > sector) {
            return new Extent(sector, entry.getValue());
        }
        entry = endByStart.higherEntry(sector);
        return entry == null ? null : new Extent(entry.getKey(), entry.getValue());
    }

    /** Whether any sector of {@code [start, end)} is in the set. */
    public boolean intersects(long start, long end) {
        Extent first = from(start);
        return first != null && first.start() < end;
    }

    /** The extents in order. */
    public List<Extent> list() {
        List<Extent> extents = new ArrayList<>(endByStart.size());
        endByStart.forEach((start, end) -> extents.add(new Extent(start, end)));
        return extents;
    }
}
