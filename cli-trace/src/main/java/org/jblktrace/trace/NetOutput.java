package org.jblktrace.trace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.kernel.relay.RelayTrace;
import org.jblktrace.core.net.NetClient;

/**
 * Network client mode ({@code -h HOST}): the records go to a blktrace server, over one
 * connection per device and CPU, or with {@code -s} one per CPU.
 */
final class NetOutput extends TraceOutput {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final TraceRequest request;
    private NetClient client;

    NetOutput(TraceRequest request, StopRequest stop) {
        super(stop);
        this.request = request;
    }

    /**
     * The server's address, looked up as blktrace does before anything is traced.
     *
     * @throws BlktraceExit with blktrace's message when the name does not resolve
     */
    static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new BlktraceExit("Host " + host + " not found", 1);
        }
    }

    @Override
    public void open(List<String> deviceNames, int cpuCount) throws IOException {
        super.open(deviceNames, cpuCount);
        NetClient.Config config = new NetClient.Config(request.host,
                new InetSocketAddress(resolve(request.host), request.port), cpuCount, (int) ProcessHandle.current().pid(),
                (int) request.bufferBytes, (int) request.bufferCount, RelayTrace.pageSize(), ByteOrder.nativeOrder(),
                TIMEOUT_MILLIS);
        NetClient.Mode mode = request.noSendfile ? NetClient.Mode.PER_CPU : NetClient.Mode.PER_STREAM;
        try {
            client = NetClient.connect(mode, config, deviceNames, OnlineCpus.read().toArray());
        } catch (IOException e) {
            throw failedToStart(List.of(OutputFiles.reason(e)));
        }
    }

    @Override
    int startFailureStatus() {
        return 1;
    }

    @Override
    void store(int device, int cpu, ByteBuffer data) throws IOException {
        client.write(deviceNames().get(device), cpu, data);
    }

    @Override
    String describeFailure(int device, int cpu, IOException e) {
        return "blktrace: sending to " + request.host + " failed: " + OutputFiles.reason(e);
    }

    @Override
    void finish(long[] drops) throws IOException {
        if (client != null && failure() == null) {
            client.finish(drops);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
