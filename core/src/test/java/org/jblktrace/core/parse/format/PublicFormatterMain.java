package org.jblktrace.core.parse.format;

import java.io.IOException;
import org.jblktrace.core.parse.TextBuffer;
import org.jblktrace.core.record.TraceRecord;

/**
 * Child-process entry point for {@link ProcessEnvironmentTest}: formats one queue event with the
 * public constructor, so that the time zone and the command-line decoding are the real ones.
 * Argument: the format for every letter.
 */
public final class PublicFormatterMain {
    private PublicFormatterMain() {
    }

    public static void main(String[] args) throws IOException {
        String[] formats = new String[26];
        FormatSpecs.setAll(formats, args[0]);
        EventFormatter formatter = new EventFormatter(formats, pid -> "dd", false);
        formatter.setWallClockBase(ProcessEnvironmentTest.WALL_SECONDS, ProcessEnvironmentTest.WALL_NANOS);
        TraceRecord t = ProcessEnvironmentTest.queueEvent();
        t.time = 0;
        TextBuffer out = new TextBuffer();
        formatter.format(out, "Q", t, 0, -1, false);
        out.writeTo(System.out);
        System.out.flush();
    }
}
