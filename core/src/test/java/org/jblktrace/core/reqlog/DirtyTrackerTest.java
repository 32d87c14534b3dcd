package org.jblktrace.core.reqlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirtyTrackerTest {
    @Test
    void readsLeaveNothingDirty() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(10, 8, false);
        tracker.completed(10, 8, false);
        assertTrue(tracker.isClean());
    }

    @Test
    void aWriteStaysDirtyUntilACopyThatBeginsAfterItsCompletion() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(10, 8, true);
        tracker.copyStarting(0, 1000);
        assertEquals(0, tracker.dirtySectors());
        assertFalse(tracker.isClean(), "the write is in flight");
        tracker.completed(10, 8, true);
        assertEquals(8, tracker.dirtySectors());
        tracker.copyStarting(0, 1000);
        assertTrue(tracker.isClean());
    }

    @Test
    void partialCompletionsAdvanceTheWriteInFlight() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(100, 64, true);
        tracker.completed(100, 16, true);
        assertEquals(1, tracker.writesInFlight());
        tracker.completed(116, 48, true);
        assertEquals(0, tracker.writesInFlight());
    }

    @Test
    void writesWithTheSameStartAreTakenByTheirLength() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(0, 64, true);
        tracker.issued(0, 8, true);
        tracker.completed(0, 8, true);
        tracker.completed(0, 64, true);
        assertEquals(0, tracker.writesInFlight());
    }

    @Test
    void aCompletionOfAWriteIssuedBeforeTrackingMarksItsRange() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.completed(500, 8, true);
        assertEquals(8, tracker.dirtySectors());
        assertEquals(0, tracker.writesInFlight());
    }

    @Test
    void aRequeueMarksAndForgetsTheWriteUntilItIsIssuedAgain() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(40, 8, true);
        tracker.copyStarting(0, 1000);
        tracker.requeued(40, 8, true);
        assertEquals(8, tracker.dirtySectors());
        assertEquals(0, tracker.writesInFlight());
    }

    @Test
    void aLossMarksTheWholeDeviceAndIsCounted() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(40, 8, true);
        tracker.lost("lost 3 records");
        assertEquals(1000, tracker.dirtySectors());
        assertEquals(1, tracker.losses());
        assertEquals("lost 3 records", tracker.lastLoss());
    }

    @Test
    void rangesAreClippedToTheDevice() {
        DirtyTracker tracker = new DirtyTracker(100);
        tracker.completed(96, 8, true);
        assertEquals(4, tracker.dirtySectors());
    }
}
