package org.jblktrace.core.reqlog;

/**
 * Where the requests of one block device come from: /dev/reqlog, or blktrace's capture paths.
 * It delivers them to its listener from a thread of its own from {@link #start} until
 * {@link #close}.
 */
public interface RequestSource extends AutoCloseable {
    /** Starts delivering; requests issued before the call may or may not be delivered. */
    void start(RequestListener listener) throws ReqlogException;

    /**
     * Returns once every request event the kernel logged before the call has been delivered
     * (or reported lost).
     */
    void barrier() throws ReqlogException, InterruptedException;

    /** Why the source stopped delivering on its own (one line), or null while it works. */
    String failure();

    /** Stops delivering and puts the kernel side back as it was. */
    @Override
    void close() throws ReqlogException;
}
