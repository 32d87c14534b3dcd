package org.jblktrace.core.reqlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirtyTrackerTest {
    private long time;

    @Test
    void readsLeaveNothingDirty() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(time++, 10, 8, false);
        tracker.completed(time++, 10, 8, false);
        assertTrue(tracker.isClean());
    }

    @Test
    void aWriteStaysDirtyUntilACopyThatBeginsAfterItsCompletion() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(time++, 10, 8, true);
        tracker.copyStarting(0, 1000);
        assertEquals(0, tracker.dirtySectors());
        assertFalse(tracker.isClean(), "the write is in flight");
        tracker.completed(time++, 10, 8, true);
        assertEquals(8, tracker.dirtySectors());
        tracker.copyStarting(0, 1000);
        assertTrue(tracker.isClean());
    }

    @Test
    void partialCompletionsAddUpToTheirWrite() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(time++, 100, 64, true);
        tracker.completed(time++, 100, 16, true);
        assertEquals(48, tracker.sectorsInFlight());
        tracker.completed(time++, 116, 48, true);
        assertEquals(0, tracker.sectorsInFlight());
    }

    @Test
    void completionsBeforeTheirIssuesStillBalance() {
        DirtyTracker tracker = new DirtyTracker(1000);
        // Two writes with one start, each completion delivered before the other's issue.
        tracker.issued(time++, 72, 14, true);
        tracker.completed(time++, 72, 11, true);
        tracker.completed(time++, 72, 14, true);
        assertEquals(0, tracker.sectorsInFlight());
        tracker.issued(time++, 72, 11, true);
        assertEquals(0, tracker.sectorsInFlight());
        tracker.completed(time++, 300, 8, true);
        tracker.issued(time++, 300, 8, true);
        assertEquals(0, tracker.sectorsInFlight());
    }

    @Test
    void aCompletionOfAWriteIssuedBeforeTrackingIsForgottenOnceSettled() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.completed(time++, 500, 8, true);
        assertEquals(8, tracker.dirtySectors());
        tracker.settled();
        tracker.issued(time++, 500, 8, true);
        assertEquals(8, tracker.sectorsInFlight());
    }

    @Test
    void aRequeueEndsTheWriteUntilItIsIssuedAgain() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(time++, 40, 8, true);
        tracker.copyStarting(0, 1000);
        tracker.requeued(time++, 40, 8, true);
        assertEquals(8, tracker.dirtySectors());
        assertEquals(0, tracker.sectorsInFlight());
    }

    @Test
    void aLossMarksTheWholeDeviceAndIsCounted() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.issued(time++, 40, 8, true);
        tracker.lost("lost 3 records");
        assertEquals(1000, tracker.dirtySectors());
        assertEquals(0, tracker.sectorsInFlight());
        assertEquals(1, tracker.losses());
        assertEquals("lost 3 records", tracker.lastLoss());
    }

    @Test
    void rangesAreClippedToTheDevice() {
        DirtyTracker tracker = new DirtyTracker(100);
        tracker.completed(time++, 96, 8, true);
        assertEquals(4, tracker.dirtySectors());
    }

    @Test
    void afterALossTheEventsNoLongerTellWhatIsInFlight() {
        DirtyTracker tracker = new DirtyTracker(1000);
        tracker.lost("lost 1 record");
        // An issue whose completion is lost in a later overrun would count for ever.
        tracker.issued(time++, 8, 8, true);
        tracker.copyStarting(0, 1000);
        assertEquals(0, tracker.sectorsInFlight());
        assertTrue(tracker.isClean());
    }
}
