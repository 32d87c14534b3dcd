package org.jblktrace.trace;

/** A capture that runs: what the run needs to wait on it, end it and report. */
interface RunningCapture {
    /**
     * Whether the capture can fail by itself while it runs, so that the run must look at
     * {@link #failure} now and then; otherwise its waiting thread sleeps until a stop request.
     * Relay-file readers cannot: they hand everything to the output, which keeps its own
     * write failure.
     */
    default boolean canFailWhileRunning() {
        return false;
    }

    /** A failure that ended the capture early, as one line, or null. */
    default String failure() {
        return null;
    }

    /** Stops, drains into the output and tears the kernel side down; problems as one line, or null. */
    String stop();

    /** Events the kernel dropped for a device (index in the output's device order). */
    long dropped(int device);
}
