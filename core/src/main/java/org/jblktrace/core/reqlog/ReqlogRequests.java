package org.jblktrace.core.reqlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The requests of one block device from /dev/reqlog. Logging is enabled if it is off (and
 * disabled again at {@link #close}). A {@link ReqlogAbi#LOST} record, a sequence number that
 * jumps (another reader took records) and records taken by another reader before a barrier are
 * reported as losses; a {@link ReqlogAbi#DISABLED} record ends the tracking with a failure.
 */
public final class ReqlogRequests implements RequestSource {
    private static final int BATCH_RECORDS = 256;
    private static final int POLL_MILLIS = 100;

    private final Path device;
    private final BlockDeviceInfo traced;
    private Reqlog log;
    private Reqlog control;
    private boolean enabledHere;
    private RequestListener listener;
    private Thread reader;
    private volatile boolean closing;
    private volatile String failure;
    /** Sequence number of the last record seen, and of the newest one before the start. */
    private long lastSequence;
    private long startSequence;
    /** Barriers asked for, and the newest sequence number of the last of them. */
    private long barriersRequested;
    private long barrierHead;
    private long barriersDone;

    public ReqlogRequests(Path device, BlockDeviceInfo traced) {
        this.device = device;
        this.traced = traced;
    }

    @Override
    public void start(RequestListener requestListener) throws ReqlogException {
        this.listener = requestListener;
        log = Reqlog.open(device, true, true, true);
        control = Reqlog.open(device, true, false, true);
        ReqlogStatus status = control.status();
        if (!status.enabled()) {
            log.enable();
            enabledHere = true;
        }
        lastSequence = status.head();
        startSequence = lastSequence;
        reader = new Thread(this::readLoop, "reqlog-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        ByteBuffer records = ByteBuffer.allocateDirect(BATCH_RECORDS * ReqlogAbi.RECORD_SIZE)
                .order(ByteOrder.nativeOrder());
        try {
            while (!closing && failure == null) {
                long asked;
                long head;
                synchronized (this) {
                    asked = barriersRequested;
                    head = barrierHead;
                }
                records.clear();
                if (log.read(records)) {
                    for (int at = 0; at < records.limit() && failure == null; at += ReqlogAbi.RECORD_SIZE) {
                        handle(RequestRecord.decode(records, at));
                    }
                    continue;
                }
                // Drained after the barriers asked so far: what they waited for has been read.
                if (asked > barriersDone) {
                    if (lastSequence < head) {
                        listener.lost("records " + (lastSequence + 1) + " to " + head + " of " + device
                                + " were read by another reader");
                        lastSequence = head;
                    }
                    synchronized (this) {
                        barriersDone = asked;
                        notifyAll();
                    }
                }
                log.await(POLL_MILLIS);
            }
        } catch (ReqlogException | RuntimeException e) {
            failure = e.getMessage();
        }
        synchronized (this) {
            notifyAll();
        }
    }

    private void handle(RequestRecord record) {
        switch (record.kind()) {
            case ReqlogAbi.LOST -> {
                listener.lost("lost " + record.lostCount() + " records: the ring of " + device + " overran");
                lastSequence = Math.max(lastSequence, record.sequence());
                return;
            }
            case ReqlogAbi.DISABLED -> {
                if (record.sequence() > startSequence) {
                    failure = "logging was disabled on " + device + " (reqlog disable?), so writes went unseen";
                }
                return;
            }
            default -> {
            }
        }
        if (record.sequence() > lastSequence + 1) {
            listener.lost("records " + (lastSequence + 1) + " to " + (record.sequence() - 1) + " of " + device
                    + " were read by another reader");
        }
        lastSequence = Math.max(lastSequence, record.sequence());
        if (!traced.isOnDisk(record.major(), record.minor())) {
            return;
        }
        long start = Math.max(record.sector(), traced.startSector());
        long end = Math.min(record.sector() + record.sectors(), traced.startSector() + traced.sectors());
        if (start >= end) {
            return;
        }
        long sector = start - traced.startSector();
        switch (record.kind()) {
            case ReqlogAbi.ISSUE -> listener.issued(record.timeNs(), sector, end - start, record.isWrite());
            case ReqlogAbi.COMPLETE -> listener.completed(record.timeNs(), sector, end - start, record.isWrite());
            case ReqlogAbi.REQUEUE -> listener.requeued(record.timeNs(), sector, end - start, record.isWrite());
            default -> {
            }
        }
    }

    @Override
    public void barrier() throws ReqlogException, InterruptedException {
        long head = control.status().head();
        long ticket;
        synchronized (this) {
            barrierHead = Math.max(barrierHead, head);
            ticket = ++barriersRequested;
            while (barriersDone < ticket && failure == null && reader.isAlive()) {
                wait(POLL_MILLIS);
            }
        }
        if (failure != null) {
            throw new ReqlogException(failure);
        }
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void close() throws ReqlogException {
        closing = true;
        if (reader != null) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (enabledHere) {
                log.disable();
            }
        } finally {
            if (log != null) {
                log.close();
            }
            if (control != null) {
                control.close();
            }
        }
    }
}
