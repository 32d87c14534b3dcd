package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.List;
import org.jblktrace.core.kernel.relay.SyntheticTrace;
import org.junit.jupiter.api.Test;

/** Piped mode's figures come from the capture's own count of the records it hands over. */
class PipedOutputTest {
    @Test
    void recordsAreCountedAsTheCaptureCountedThem() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PipedOutput output = new PipedOutput(Channels.newChannel(stdout), new StopRequest());
        output.open(List.of("sda", "sdb"), 2);
        byte[] trace = SyntheticTrace.records(7, 1, ByteOrder.nativeOrder(), true);
        output.write("sdb", 1, ByteBuffer.wrap(trace), 7);
        output.write("sdb", 1, ByteBuffer.wrap(trace), 7);
        assertEquals(14, output.records(1, 1));
        assertEquals(2L * trace.length, output.bytes(1, 1));
        assertEquals(0, output.records(0, 1));
        assertEquals(0, output.records(1, 0));
        byte[] twice = new byte[2 * trace.length];
        System.arraycopy(trace, 0, twice, 0, trace.length);
        System.arraycopy(trace, 0, twice, trace.length, trace.length);
        assertArrayEquals(twice, stdout.toByteArray());
    }
}
