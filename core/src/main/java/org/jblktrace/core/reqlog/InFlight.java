package org.jblktrace.core.reqlog;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many writes are in flight on each sector: an issue adds one over its range, a completion
 * or requeue takes one away over its own. Partial completions add up to their write, and events
 * that arrive out of order (a completion before its issue, logged on another CPU) still balance,
 * since counts may go below zero for a while. Not thread-safe.
 */
final class InFlight {
    /** The count from each key up to the next key; 0 before the first. */
    private final TreeMap<Long, Integer> countFrom = new TreeMap<>();

    void add(long start, long end, int delta) {
        if (start >= end) {
            return;
        }
        split(start);
        split(end);
        for (Map.Entry<Long, Integer> step : countFrom.subMap(start, end).entrySet()) {
            step.setValue(step.getValue() + delta);
        }
        merge(start);
        merge(end);
    }

    private void split(long at) {
        if (!countFrom.containsKey(at)) {
            Map.Entry<Long, Integer> before = countFrom.floorEntry(at);
            countFrom.put(at, before == null ? 0 : before.getValue());
        }
    }

    /** Drops the step at {@code at} when it does not change the count. */
    private void merge(long at) {
        Integer count = countFrom.get(at);
        Map.Entry<Long, Integer> before = countFrom.lowerEntry(at);
        if (count != null && count == (before == null ? 0 : before.getValue())) {
            countFrom.remove(at);
        }
    }

    /** Sectors with a write in flight. */
    long sectors() {
        long sectors = 0;
        Map.Entry<Long, Integer> step = countFrom.firstEntry();
        while (step != null) {
            Map.Entry<Long, Integer> next = countFrom.higherEntry(step.getKey());
            if (step.getValue() > 0 && next != null) {
                sectors += next.getKey() - step.getKey();
            }
            step = next;
        }
        return sectors;
    }

    /**
     * Counts below zero become zero: once every event logged so far has arrived, more
     * completions than issues on a sector mean writes issued before tracking began.
     */
    void forgetUnmatchedCompletions() {
        countFrom.replaceAll((start, count) -> Math.max(count, 0));
        for (Long start : countFrom.keySet().toArray(new Long[0])) {
            merge(start);
        }
    }

    void clear() {
        countFrom.clear();
    }
}
