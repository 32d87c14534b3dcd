package org.jblktrace.core.reqlog;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Copies an in-use block device: everything once, then what was written meanwhile, pass after
 * pass, while a {@link RequestSource} tells a {@link DirtyTracker} what is written. After
 * {@link #requestStop()} it finishes: it goes on tracking and copying until, after a barrier
 * on the source, nothing is dirty and no write is in flight, which makes the target equal to
 * the source as of that moment; it gives up after {@code maxPasses} passes since the stop.
 */
public final class Migration {
    /** The device copied. */
    public interface Source {
        long sizeBytes();

        /** Offsets and lengths of reads are multiples of this (O_DIRECT). */
        int blockSize();

        /** Fills {@code into} from its position to its limit with the bytes at {@code offset}. */
        void read(long offset, ByteBuffer into) throws ReqlogException;

        /** The kernel's count of writes in flight on the device, or 0 where it has none. */
        long writesInFlight() throws ReqlogException;

        /** The size now, asked of the kernel again: a device that shrinks or grows fails a migration. */
        long currentSizeBytes() throws ReqlogException;
    }

    /** Where the copy goes. */
    public interface Target {
        void write(long offset, ByteBuffer from) throws ReqlogException;

        /** Makes every write durable. */
        void sync() throws ReqlogException;
    }

    /** What the migration reports while it runs. */
    public interface Progress {
        /** A pass begins with {@code dirtyBytes} to copy (more may be written meanwhile). */
        default void passStarted(int pass, long dirtyBytes, boolean afterStop) {
        }

        /** {@code bytes} more were copied in the current pass. */
        default void copied(long bytes) {
        }

        default void passFinished(int pass) {
        }

        /** Before the stop: the target is up to date, the migration waits for writes. */
        default void upToDate() {
        }

        /** The stop request was seen: the migration is finishing. */
        default void finishing() {
        }

        /** Events were lost: everything is dirty again. */
        default void lost(String why) {
        }
    }

    public record Options(int maxPasses, int copyBytes, long settleMillis, long inFlightTimeoutMillis) {
        public static final Options DEFAULTS = new Options(20, 1 << 20, 100, 60_000);

        public Options withMaxPasses(int passes) {
            return new Options(passes, copyBytes, settleMillis, inFlightTimeoutMillis);
        }

        public Options withCopyBytes(int bytes) {
            return new Options(maxPasses, bytes, settleMillis, inFlightTimeoutMillis);
        }
    }

    /** How a finished migration went. */
    public record Result(int passes, long bytesCopied, long bytesCopiedAfterStop) {
    }

    private static final int SECTOR = 512;
    private static final long IDLE_WAIT_MILLIS = 1000;
    private static final long IN_FLIGHT_WAIT_MILLIS = 20;

    private final String sourceName;
    private final Source source;
    private final Target target;
    private final RequestSource requests;
    private final Options options;
    private final Progress progress;
    private final DirtyTracker tracker;
    private final long sectors;
    private final long blockSectors;
    private volatile boolean stopRequested;
    private int passes;
    private long bytesCopied;
    private long bytesAfterStop;
    private long lossesReported;

    /**
     * @param sourceName what messages call the source (its path)
     */
    public Migration(String sourceName, Source source, Target target, RequestSource requests, Options options,
            Progress progress) {
        if (source.sizeBytes() % SECTOR != 0 || source.blockSize() % SECTOR != 0 || options.copyBytes()
                % source.blockSize() != 0) {
            throw new IllegalArgumentException("sizes must be whole sectors and blocks");
        }
        this.sourceName = sourceName;
        this.source = source;
        this.target = target;
        this.requests = requests;
        this.options = options;
        this.progress = progress;
        this.sectors = source.sizeBytes() / SECTOR;
        this.blockSectors = source.blockSize() / SECTOR;
        this.tracker = new DirtyTracker(sectors);
    }

    /** Asks the migration to finish; safe from any thread (a signal handler). */
    public void requestStop() {
        stopRequested = true;
        tracker.wake();
    }

    /** The tracker, for tests that look at its state. */
    DirtyTracker tracker() {
        return tracker;
    }

    /**
     * Runs until finished after a stop request. Closes the request source however it ends.
     *
     * @throws ReqlogException when the copy cannot be trusted or cannot go on; never after a copy
     *                         that is not equal to the source
     */
    public Result run() throws ReqlogException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(options.copyBytes() + source.blockSize())
                .alignedSlice(source.blockSize());
        try (requests) {
            requests.start(tracker);
            tracker.markAll();
            int passesAfterStop = 0;
            boolean finishing = false;
            long inFlightSince = -1;
            boolean idle = false;
            for (;;) {
                checkSource();
                if (!finishing && stopRequested) {
                    finishing = true;
                    progress.finishing();
                }
                if (finishing) {
                    long kernelInFlight = source.writesInFlight();
                    requests.barrier();
                    tracker.settled();
                    checkSource();
                    reportLosses();
                    if (tracker.isClean() && kernelInFlight == 0) {
                        long size = source.currentSizeBytes();
                        if (size != source.sizeBytes()) {
                            throw new ReqlogException(sourceName + " changed size during the migration ("
                                    + source.sizeBytes() + " bytes, now " + size + "): the copy is not its image");
                        }
                        target.sync();
                        return new Result(passes, bytesCopied, bytesAfterStop);
                    }
                    if (tracker.dirtySectors() == 0) {
                        inFlightSince = waitForCompletions(inFlightSince, kernelInFlight);
                        continue;
                    }
                    inFlightSince = -1;
                    if (passesAfterStop >= options.maxPasses()) {
                        throw new ReqlogException(passesAfterStop + " passes after the stop did not catch up: "
                                + tracker.dirtySectors() * SECTOR + " bytes are still dirty, so the source is "
                                + "still being written; stop its writers, or allow more with --max-passes");
                    }
                    passesAfterStop++;
                } else if (tracker.dirtySectors() == 0) {
                    if (!idle) {
                        idle = true;
                        progress.upToDate();
                    }
                    tracker.awaitEvents(tracker.events(), IDLE_WAIT_MILLIS);
                    continue;
                } else if (passes > 0) {
                    // Lets a burst of writes end before the next pass, which then copies it once.
                    tracker.awaitEvents(Long.MAX_VALUE, options.settleMillis());
                }
                idle = false;
                copyPass(buffer, finishing);
            }
        }
    }

    private long waitForCompletions(long since, long kernelInFlight) throws ReqlogException, InterruptedException {
        long now = System.nanoTime();
        long start = since < 0 ? now : since;
        if (TimeUnit.NANOSECONDS.toMillis(now - start) > options.inFlightTimeoutMillis()) {
            throw new ReqlogException("writes to the source did not complete within "
                    + TimeUnit.MILLISECONDS.toSeconds(options.inFlightTimeoutMillis()) + " s (" + kernelInFlight
                    + " in flight as the kernel counts, " + tracker.sectorsInFlight() * SECTOR
                    + " bytes as the events tell)");
        }
        tracker.awaitEvents(tracker.events(), IN_FLIGHT_WAIT_MILLIS);
        return start;
    }

    private void copyPass(ByteBuffer buffer, boolean finishing) throws ReqlogException {
        passes++;
        progress.passStarted(passes, tracker.dirtySectors() * SECTOR, finishing);
        long sector = 0;
        for (Extents.Extent extent = tracker.nextDirty(sector); extent != null; extent = tracker.nextDirty(sector)) {
            checkSource();
            long start = extent.start() / blockSectors * blockSectors;
            long end = Math.min(extent.end(), start + options.copyBytes() / SECTOR);
            end = Math.min(sectors, (end + blockSectors - 1) / blockSectors * blockSectors);
            tracker.copyStarting(start, end);
            int length = (int) ((end - start) * SECTOR);
            buffer.clear().limit(length);
            source.read(start * SECTOR, buffer);
            buffer.flip();
            target.write(start * SECTOR, buffer);
            bytesCopied += length;
            if (stopRequested) {
                bytesAfterStop += length;
            }
            progress.copied(length);
            reportLosses();
            sector = end;
        }
        progress.passFinished(passes);
    }

    private void checkSource() throws ReqlogException {
        String failure = requests.failure();
        if (failure != null) {
            throw new ReqlogException("tracking the writes failed: " + failure);
        }
    }

    private void reportLosses() {
        long losses = tracker.losses();
        if (losses != lossesReported) {
            lossesReported = losses;
            progress.lost(tracker.lastLoss());
        }
    }
}
