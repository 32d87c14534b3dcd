package org.jblktrace.core.capture;

/** Hears what a capture has to say besides its outcome. */
public interface CaptureListener {
    /**
     * A phrase on the capture's course, from the starting thread: a backend passed over and why
     * ({@code relay files are locked down (EPERM); tracing through ftrace}), events the kernel
     * leaves out of the version recorded.
     */
    void notice(String phrase);

    /**
     * A reader's warning, one line as blktrace words it (a relay file that cannot be read),
     * possibly from several reader threads at once.
     */
    void warning(String line);
}
