package org.jblktrace.core.parse.format;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jblktrace.core.parse.TextBuffer;

/** C's {@code ctime()}: {@code "Thu Jan  1 00:00:00 1970\n"} in the local time zone. */
public final class Ctime {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private Ctime() {
    }

    /** Appends the ctime() text of {@code epochSeconds} in {@code zone}, newline included. */
    public static void append(TextBuffer out, long epochSeconds, ZoneId zone) {
        Instant at = Instant.ofEpochSecond(epochSeconds);
        LocalDateTime t = LocalDateTime.ofInstant(at, zone);
        out.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(' ').append(MONTHS[t.getMonthValue() - 1]);
        out.appendSigned(t.getDayOfMonth(), 3, false, false).append(' ');
        out.appendSigned(t.getHour(), 2, false, true).append(':');
        out.appendSigned(t.getMinute(), 2, false, true).append(':');
        out.appendSigned(t.getSecond(), 2, false, true).append(' ');
        out.appendSigned(t.getYear()).append('\n');
    }
}
