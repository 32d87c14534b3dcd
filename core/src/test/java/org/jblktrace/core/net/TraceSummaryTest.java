package org.jblktrace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are the ones blktrace 2.0.0 printed for the spec's fixture (779 + 832 bytes, 5 drops). */
class TraceSummaryTest {
    @Test
    void estimatedEventsAndKibRoundingLikeBlktrace() {
        TraceSummary summary = new TraceSummary();
        assertEquals("=== fake ===\n"
                + "  CPU  0:                   16 events,        1 KiB data\n"
                + "  CPU  1:                   17 events,        1 KiB data\n"
                + "  Total:                    33 events (dropped 5),        2 KiB data\n",
                summary.addDevice("fake", new long[] {779, 832}, null, 5));
        assertEquals("\nYou have 5 ( 13.2%) dropped events\n"
                + "Consider using a larger buffer size (-b) and/or more buffers (-n)\n", summary.dropWarning());
    }

    @Test
    void exactCountsAsInPipedMode() {
        TraceSummary summary = new TraceSummary();
        summary.addDevice("fake", new long[] {779, 832}, new long[] {15, 16}, 5);
        assertEquals("\nYou have 5 ( 13.9%) dropped events\n"
                + "Consider using a larger buffer size (-b) and/or more buffers (-n)\n", summary.dropWarning());
    }

    @Test
    void noDataStillShowsOneKibInTheTotalAndNoWarningWithoutDrops() {
        TraceSummary summary = new TraceSummary();
        assertEquals("=== sdb ===\n"
                + "  CPU  0:                    0 events,        0 KiB data\n"
                + "  Total:                     0 events (dropped 0),        1 KiB data\n",
                summary.addDevice("sdb", new long[] {0}, null, 0));
        assertEquals("", summary.dropWarning());
    }

    @Test
    void dropsWithoutEventsAreAHundredPercentAndDevicesAddUp() {
        TraceSummary summary = new TraceSummary();
        summary.addDevice("a", new long[] {0, 0}, null, 3);
        assertEquals("\nYou have 3 (100.0%) dropped events\n"
                + "Consider using a larger buffer size (-b) and/or more buffers (-n)\n", summary.dropWarning());
        summary.addDevice("b", new long[] {48 * 997}, null, 0);
        assertEquals("\nYou have 3 (  0.3%) dropped events\n"
                + "Consider using a larger buffer size (-b) and/or more buffers (-n)\n", summary.dropWarning());
    }
}
