package org.jblktrace.core.capture;

/**
 * What trying to start a capture came to: one of three answers, whatever the backend. Neither
 * {@link Unavailable} nor {@link Failed} leaves kernel state behind.
 */
public sealed interface StartOutcome {
    /** The capture runs; the caller stops it (or closes it on an error path). */
    record Started(RunningCapture capture) implements StartOutcome {
    }

    /**
     * The backend cannot be used on this machine (the kernel lacks what it needs: relay files
     * locked down, no blk tracer, no module, the record version not offered); {@code auto} goes
     * on with the next one.
     *
     * @param reason why, as a phrase ("relay files are locked down (EPERM)")
     * @param message the failing call's own line where blktrace prints one (a relay ioctl's
     *     {@code BLKTRACESETUP(2) ... failed}), else null
     */
    record Unavailable(Backend backend, String reason, String message) implements StartOutcome {
    }

    /**
     * The backend applies here but could not start (device busy, no permission, the output
     * cannot be opened); {@code auto} stops here.
     *
     * @param message what went wrong, one line: for the relay backend the line blktrace prints,
     *     for the others a phrase
     * @param inSink whether the sink's {@code open} failed; the sink then knows what to print
     */
    record Failed(Backend backend, String message, boolean inSink) implements StartOutcome {
    }
}
