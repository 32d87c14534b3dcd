package org.jblktrace.core.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.DeviceNode;

/**
 * A started capture as {@link Captures} hands it out: torn down by a shutdown hook until it is
 * stopped, and never silent about records it could not make sense of. When it stops it adds a
 * problem for data that was no record of the version asked for, and for a device that completed
 * requests while traced (its sysfs {@code stat} moved) of which not one event was recorded,
 * when every category was asked for. An idle device with nothing to record is no problem.
 */
final class CheckedCapture implements RunningCapture {
    private final RunningCapture capture;
    private final boolean everyCategory;
    private final List<DeviceNode> devices;
    private final long[] completedAtStart;
    private final Thread teardownHook;
    private boolean stopped;

    private CheckedCapture(RunningCapture capture, boolean everyCategory, List<DeviceNode> devices) {
        this.capture = capture;
        this.everyCategory = everyCategory;
        this.devices = devices;
        this.completedAtStart = new long[devices.size()];
        for (int i = 0; i < devices.size(); i++) {
            completedAtStart[i] = completedRequests(devices.get(i));
        }
        this.teardownHook = new Thread(capture::close, "capture-teardown");
    }

    static CheckedCapture watch(RunningCapture capture, CaptureRequest request, CaptureHost host) {
        CheckedCapture checked = new CheckedCapture(capture, request.recordsEveryCategory(), host.devices());
        Runtime.getRuntime().addShutdownHook(checked.teardownHook);
        return checked;
    }

    @Override
    public Backend backend() {
        return capture.backend();
    }

    @Override
    public int version() {
        return capture.version();
    }

    @Override
    public List<String> deviceNames() {
        return capture.deviceNames();
    }

    @Override
    public boolean canFailWhileRunning() {
        return capture.canFailWhileRunning();
    }

    @Override
    public String failure() {
        return capture.failure();
    }

    @Override
    public synchronized List<String> stop() {
        if (stopped) {
            return List.of();
        }
        stopped = true;
        long[] completedAtStop = new long[devices.size()];
        for (int i = 0; i < devices.size(); i++) {
            completedAtStop[i] = completedRequests(devices.get(i));
        }
        List<String> problems = new ArrayList<>(capture.stop());
        removeHook();
        String records = capture.recordProblem();
        if (records != null) {
            problems.add("the " + backend().label() + " backend got data it does not know: " + records);
        }
        List<String> names = capture.deviceNames();
        for (int i = 0; i < devices.size() && i < names.size(); i++) {
            long completed = completedAtStop[i] - completedAtStart[i];
            if (everyCategory && completed > 0 && !capture.recordedEvent(i) && records == null) {
                problems.add("the " + backend().label() + " backend recorded no event of " + names.get(i) + ", yet it "
                        + "completed " + completed + " requests while traced (" + devices.get(i).statistics() + ")");
            }
        }
        return problems;
    }

    @Override
    public void close() {
        capture.close();
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(teardownHook);
        } catch (IllegalStateException exiting) {
            // The JVM is shutting down: the hook runs, and finds the capture torn down.
        }
    }

    @Override
    public long dropped(int device) {
        return capture.dropped(device);
    }

    @Override
    public boolean recordedEvent(int device) {
        return capture.recordedEvent(device);
    }

    @Override
    public String recordProblem() {
        return capture.recordProblem();
    }

    /**
     * Reads, writes, discards and flushes the device completed so far (fields 1, 5, 12 and 16
     * of its {@code stat}; older kernels have fewer), or -1 when the file cannot be read.
     */
    static long completedRequests(DeviceNode device) {
        try {
            return completedRequests(Files.readString(device.statistics()));
        } catch (IOException e) {
            return -1;
        }
    }

    static long completedRequests(String stat) {
        String[] fields = stat.trim().split("\\s+");
        long completed = 0;
        for (int field : new int[] {0, 4, 11, 15}) {
            if (field < fields.length) {
                completed += Long.parseLong(fields[field]);
            }
        }
        return completed;
    }
}
