package org.jblktrace.core.capture;

import java.util.List;

/**
 * A capture that runs, whatever its backend: records flow into the sink given at the start
 * until {@link #stop}.
 *
 * <p>Kernel state: every backend changes some (a relay trace set up on each device, tracefs
 * settings and per-device {@code trace/enable}, module traces); each backend's class comment
 * lists exactly what. {@link #stop} and {@link #close} are the only ways it is undone, and
 * {@link Captures#start} registers {@link #close} as a JVM shutdown hook until {@link #stop}
 * returns, so an exit by signal leaves nothing behind.
 */
public interface RunningCapture {
    Backend backend();

    /** The record version the sink receives (7 or 8). */
    int version();

    /** The traced devices' names, in request order, as the sink got them. */
    List<String> deviceNames();

    /**
     * Whether the capture can fail by itself while it runs, so that a caller waiting for it must
     * look at {@link #failure} now and then; relay-file readers cannot, they hand everything to
     * the sink, which keeps its own failures.
     */
    default boolean canFailWhileRunning() {
        return false;
    }

    /** A failure that ended the capture early, as one line, or null. */
    default String failure() {
        return null;
    }

    /**
     * Stops recording, drains what the kernel still holds into the sink and tears the kernel
     * side down. Does nothing the second time.
     *
     * @return what went wrong, one line each (empty when all went well)
     */
    List<String> stop();

    /**
     * Tears down whatever kernel state is still set up, without draining: for error paths and
     * the shutdown hook. Safe to call more than once, and after {@link #stop}.
     */
    void close();

    /** Events the kernel dropped for a device (index in {@link #deviceNames} order), known after {@link #stop}. */
    long dropped(int device);

    /** Whether the sink received an event (not a note) for a device, known after {@link #stop}. */
    boolean recordedEvent(int device);

    /**
     * What the kernel delivered that is no record of {@link #version}, as a phrase naming where
     * it was found, or null; known after {@link #stop}.
     */
    String recordProblem();
}
