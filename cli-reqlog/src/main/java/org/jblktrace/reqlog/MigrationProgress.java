package org.jblktrace.reqlog;

import java.io.PrintStream;
import java.util.Locale;
import org.jblktrace.core.reqlog.Migration;

/**
 * A migration's progress on stderr: on a terminal one bar line redrawn at most five times a
 * second; elsewhere one line per pass and per event worth knowing.
 */
final class MigrationProgress implements Migration.Progress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR = 30;

    private final PrintStream stderr;
    private final boolean terminal;
    private final long deviceBytes;
    private int pass;
    private long passBytes;
    private long passCopied;
    private long lastDraw;
    private boolean barShown;

    MigrationProgress(PrintStream stderr, boolean terminal, long deviceBytes) {
        this.stderr = stderr;
        this.terminal = terminal;
        this.deviceBytes = deviceBytes;
    }

    @Override
    public synchronized void passStarted(int number, long dirtyBytes, boolean afterStop) {
        pass = number;
        passBytes = Math.max(dirtyBytes, 1);
        passCopied = 0;
        if (!terminal) {
            stderr.println("reqlog: pass " + number + ": copying " + dirtyBytes + " bytes"
                    + (afterStop ? " (finishing)" : ""));
        }
        draw(true);
    }

    @Override
    public synchronized void copied(long bytes) {
        passCopied += bytes;
        draw(false);
    }

    @Override
    public synchronized void passFinished(int number) {
        draw(true);
    }

    @Override
    public synchronized void upToDate() {
        line("reqlog: the target is up to date; copying writes as they come (SIGINT or SIGTERM finishes)");
    }

    @Override
    public synchronized void finishing() {
        line("reqlog: finishing: copying what is still dirty until a pass sees no new writes");
    }

    @Override
    public synchronized void lost(String why) {
        line("reqlog: " + why + "; all of the source will be copied again");
    }

    /** Leaves the bar's line before the caller prints. */
    synchronized void end() {
        if (barShown) {
            stderr.print("\n");
            barShown = false;
        }
        stderr.flush();
    }

    private void line(String text) {
        end();
        stderr.println(text);
        draw(true);
    }

    private void draw(boolean now) {
        if (!terminal || pass == 0) {
            return;
        }
        long time = System.nanoTime();
        if (!now && time - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = time;
        double done = Math.min(1.0, (double) passCopied / passBytes);
        int filled = (int) Math.round(done * BAR);
        stderr.print(String.format(Locale.ROOT, "\rpass %d [%s%s] %3d%% %s of %s (device %s)", pass,
                "#".repeat(filled), ".".repeat(BAR - filled), Math.round(done * 100), size(passCopied),
                size(passBytes), size(deviceBytes)));
        stderr.flush();
        barShown = true;
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
