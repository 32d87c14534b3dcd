package org.jblktrace.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Piped mode ({@code -o -}): whole records from every device and CPU, one write call's records
 * at a time, so that no record is ever split between two others. A reader that goes away
 * (EPIPE, or a closed stdout) stops the trace silently, as in blktrace.
 */
final class PipedOutput extends TraceOutput {
    private final WritableByteChannel stdout;

    PipedOutput(WritableByteChannel stdout, StopRequest stop) {
        super(stop);
        this.stdout = stdout;
    }

    @Override
    synchronized void store(int device, int cpu, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            stdout.write(data);
        }
    }

    @Override
    String describeFailure(int device, int cpu, IOException e) {
        String reason = OutputFiles.reason(e);
        if (reason.equals("Broken pipe") || reason.equals("Bad file descriptor") || reason.equals("Stream Closed")) {
            return "";
        }
        return "blktrace: writing the trace to stdout failed: " + reason;
    }
}
