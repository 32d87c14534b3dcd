package org.jblktrace.trace;

import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.capture.Backend;
import org.jblktrace.core.capture.CaptureRequest;

/** What the command line asks blktrace to do, after the option checks blktrace makes. */
final class TraceRequest {
    static final String DEFAULT_DEBUGFS = "/sys/kernel/debug";
    static final long DEFAULT_BUFFER_BYTES = 512 * 1024;
    static final long DEFAULT_BUFFER_COUNT = 4;
    static final int DEFAULT_PORT = 8462;

    /** Device paths in the order given, each once (blktrace compares the strings). */
    final List<String> devices = new ArrayList<>();
    /** Category mask from -a/-A; 0 means every category. */
    int actMask;
    /** -r; null means the default mount point. */
    String debugfsPath;
    /** -o; "-" is piped mode. */
    String outputName;
    String outputDir;
    boolean kill;
    /** -w in seconds; 0 means run until a signal. */
    int stopwatchSeconds;
    long bufferBytes = DEFAULT_BUFFER_BYTES;
    long bufferCount = DEFAULT_BUFFER_COUNT;
    boolean bufferGiven;
    boolean listen;
    String host;
    int port = DEFAULT_PORT;
    boolean noSendfile;
    /** --trace-version: 7, 8, or the kernel's own ({@link CaptureRequest#KERNEL_VERSION}). */
    int traceVersion = CaptureRequest.KERNEL_VERSION;
    /** --backend: the capture paths to try, in order. */
    List<Backend> backends = Backend.AUTO;

    boolean piped() {
        return "-".equals(outputName);
    }
}
