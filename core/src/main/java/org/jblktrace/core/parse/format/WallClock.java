package org.jblktrace.core.parse.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import org.jblktrace.core.parse.TextBuffer;

/**
 * The {@code %z} field: local wall-clock time {@code HH:MM:SS.uuuuuu} of an event, from the
 * trace's wall-clock base plus the event's rebased time. The zone offset is cached for the
 * span between two zone transitions so that rendering allocates nothing.
 */
final class WallClock {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private final ZoneRules rules;
    private long baseSeconds;
    private long baseNanos;
    /** The cached offset applies to epoch seconds in [offsetFrom, offsetUntil). */
    private long offsetFrom = 1;
    private long offsetUntil = 0;
    private int offsetSeconds;

    WallClock(ZoneId zone) {
        rules = zone.getRules();
    }

    void setBase(long seconds, long nanos) {
        baseSeconds = seconds;
        baseNanos = nanos;
    }

    void append(TextBuffer out, long rebasedTime) {
        long seconds = baseSeconds + EventFormatter.seconds(rebasedTime);
        long nanos = baseNanos + EventFormatter.nanos(rebasedTime);
        // The reference carries one second at most, comparing unsigned.
        if (Long.compareUnsigned(nanos, NANOS_PER_SECOND) >= 0) {
            nanos -= NANOS_PER_SECOND;
            seconds++;
        }
        long secondOfDay = Math.floorMod(seconds + offsetAt(seconds), SECONDS_PER_DAY);
        out.appendUnsigned(secondOfDay / 3600, 2, false, true).append(':');
        out.appendUnsigned(secondOfDay / 60 % 60, 2, false, true).append(':');
        out.appendUnsigned(secondOfDay % 60, 2, false, true).append('.');
        // Unsigned division by 1000 without Long.divideUnsigned, which allocates on JDK 17.
        out.appendUnsigned((nanos >>> 3) / 125, 6, false, true);
    }

    private int offsetAt(long epochSecond) {
        if (epochSecond < offsetFrom || epochSecond >= offsetUntil) {
            loadOffset(epochSecond);
        }
        return offsetSeconds;
    }

    private void loadOffset(long epochSecond) {
        long clamped = Math.max(Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), epochSecond));
        Instant at = Instant.ofEpochSecond(clamped);
        ZoneOffset offset = rules.getOffset(at);
        offsetSeconds = offset.getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(at);
        offsetUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        ZoneOffsetTransition previous = rules.previousTransition(at);
        offsetFrom = previous != null && previous.getOffsetAfter().equals(offset)
            ? previous.toEpochSecond() : epochSecond;
    }
}
