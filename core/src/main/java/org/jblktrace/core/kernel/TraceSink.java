package org.jblktrace.core.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Receives captured trace data: per device and per CPU, a stream of records of one version in
 * native byte order, exactly what blktrace writes to {@code NAME.blktrace.CPU}.
 *
 * <p>Calls for one CPU are never concurrent with each other; calls for different CPUs may be.
 */
public interface TraceSink {
    /**
     * Called once before any data, with the traced devices' names (blktrace names, {@code /}
     * already replaced by {@code _}) and the number of CPU streams (CPUs {@code 0..cpuCount-1};
     * offline CPUs below the highest online one get no data).
     */
    default void open(List<String> deviceNames, int cpuCount) throws IOException {
    }

    /**
     * Whether every write must hold whole records, starting and ending at a record boundary.
     * A sink that only stores the stream (blktrace's file mode) does without: relay data then
     * reaches it as read, records cut by reads included, and no record is held back.
     */
    default boolean needsWholeRecords() {
        return true;
    }

    /**
     * Takes the data between {@code records.position()} and {@code records.limit()}: whole
     * records, or bytes as read, which may cut records, from a relay reader told not to frame
     * them (concatenated they give the stream). The buffer is reused after the call returns.
     */
    void write(String deviceName, int cpu, ByteBuffer records) throws IOException;

    /**
     * Takes {@code recordCount} whole records. Captures hand whole records this way, counted
     * while framing or building them, so that a sink which needs the count does not walk them a
     * second time; a sink that does not override this gets them through
     * {@link #write(String, int, ByteBuffer)}.
     */
    default void write(String deviceName, int cpu, ByteBuffer records, int recordCount) throws IOException {
        write(deviceName, cpu, records);
    }
}
