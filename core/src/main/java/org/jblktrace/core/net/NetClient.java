package org.jblktrace.core.net;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.kernel.TraceSink;

/**
 * The client side of blktrace's network mode: a {@link TraceSink} that ships captured records
 * to a blktrace server ({@code blktrace -l}, ours or the C one).
 *
 * <p>{@link Mode#PER_STREAM} is the C client's default (sendfile) conversation: one connection
 * per device and CPU. {@link Mode#PER_CPU} is its {@code -s} conversation: one connection per
 * CPU carrying every device. Each connection announces its devices with an open message and
 * waits for the server's ack; {@link #finish} sends one close per device (carrying the drop
 * count), waits for its ack and shuts the connection down.
 */
public final class NetClient implements TraceSink, Closeable {
    /** Connection layout, see the class comment. */
    public enum Mode { PER_STREAM, PER_CPU }

    /**
     * What the client tells the server about itself.
     *
     * @param host the server name as the user gave it, for messages
     * @param maxCpus number of CPU streams per device (highest online CPU + 1)
     * @param clientId groups this run's connections on the server (blktrace uses its pid)
     * @param order byte order of the headers; blktrace uses the native order
     * @param timeoutMillis bound on connecting and on waiting for each ack
     */
    public record Config(String host, InetSocketAddress server, int maxCpus, int clientId, int bufSize, int bufNr,
            int pageSize, ByteOrder order, int timeoutMillis) {
    }

    private final Config config;
    private final List<String> devices;
    /** The connection of each (device, CPU) stream; null for CPUs that are not traced. */
    private final Connection[][] streams;
    private final List<Connection> connections = new ArrayList<>();

    private NetClient(Config config, List<String> devices) {
        this.config = config;
        this.devices = devices;
        this.streams = new Connection[devices.size()][config.maxCpus()];
    }

    /**
     * Connects and announces every device on every listed CPU.
     *
     * @throws IOException "client: Connection to HOST refused, perhaps the server is not
     *     started?" when nobody listens, else the connection failure
     */
    public static NetClient connect(Mode mode, Config config, List<String> devices, int[] cpus) throws IOException {
        for (int cpu : cpus) {
            if (cpu < 0 || cpu >= config.maxCpus()) {
                throw new IllegalArgumentException("CPU " + cpu + " outside 0.." + (config.maxCpus() - 1));
            }
        }
        NetClient client = new NetClient(config, List.copyOf(devices));
        try {
            for (int cpu : cpus) {
                Connection shared = mode == Mode.PER_CPU ? client.open() : null;
                for (int d = 0; d < devices.size(); d++) {
                    Connection connection = shared != null ? shared : client.open();
                    connection.control(devices.get(d), cpu, NetHeader.OPEN);
                    client.streams[d][cpu] = connection;
                }
            }
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Sends the records as one data message on the (device, CPU) stream's connection. */
    @Override
    public void write(String deviceName, int cpu, ByteBuffer records) throws IOException {
        int length = records.remaining();
        if (length == 0) {
            return;
        }
        if (length <= NetHeader.ACK) {
            throw new IOException("cannot send " + length + " bytes: the length would read as a control message");
        }
        int device = devices.indexOf(deviceName);
        Connection connection = device < 0 || cpu < 0 || cpu >= config.maxCpus() ? null : streams[device][cpu];
        if (connection == null) {
            throw new IOException("no connection for " + deviceName + " CPU " + cpu);
        }
        connection.data(deviceName, cpu, records);
    }

    /**
     * Ends the run: on every connection one close per device it carries, with that device's
     * drop count, each acknowledged, then the connection is shut down.
     *
     * @param drops drop count per device, in device order
     */
    public void finish(long[] drops) throws IOException {
        Map<Connection, List<Integer>> carried = new LinkedHashMap<>();
        for (int cpu = 0; cpu < config.maxCpus(); cpu++) {
            for (int d = 0; d < devices.size(); d++) {
                if (streams[d][cpu] != null) {
                    carried.computeIfAbsent(streams[d][cpu], k -> new ArrayList<>()).add(d);
                }
            }
        }
        try {
            for (Map.Entry<Connection, List<Integer>> entry : carried.entrySet()) {
                for (int d : entry.getValue()) {
                    entry.getKey().control(devices.get(d), (int) drops[d], NetHeader.CLOSE);
                }
                entry.getKey().shutdown();
            }
        } finally {
            close();
        }
    }

    /** Closes every connection without the closing conversation (error paths). */
    @Override
    public void close() {
        for (Connection connection : connections) {
            connection.closeQuietly();
        }
    }

    private Connection open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().connect(config.server(), config.timeoutMillis());
            channel.socket().setSoTimeout(config.timeoutMillis());
            channel.socket().setTcpNoDelay(true);
        } catch (ConnectException e) {
            channel.close();
            throw new ConnectException("client: Connection to " + config.host()
                    + " refused, perhaps the server is not started?");
        } catch (IOException e) {
            channel.close();
            throw new IOException("client: connect: " + e.getMessage(), e);
        }
        Connection connection = new Connection(channel);
        connections.add(connection);
        return connection;
    }

    /** One socket; its writes are serialized because several CPUs may share it in tests. */
    private final class Connection {
        private final SocketChannel channel;
        private final InputStream in;
        private final ByteBuffer header = ByteBuffer.allocateDirect(NetHeader.SIZE).order(config.order());
        private final ByteBuffer[] message = new ByteBuffer[2];
        private final NetHeader fields = new NetHeader();
        private final byte[] ack = new byte[NetHeader.SIZE];

        Connection(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.in = channel.socket().getInputStream();
            fields.maxCpus = config.maxCpus();
            fields.clientId = config.clientId();
            fields.bufSize = config.bufSize();
            fields.bufNr = config.bufNr();
            fields.pageSize = config.pageSize();
        }

        synchronized void data(String device, int cpu, ByteBuffer records) throws IOException {
            fill(device, cpu, records.remaining());
            message[0] = header;
            message[1] = records;
            while (records.hasRemaining()) {
                channel.write(message);
            }
            message[1] = null;
        }

        /** Sends an open or close message and waits for the server's ack. */
        synchronized void control(String device, int cpu, int kind) throws IOException {
            fill(device, cpu, kind);
            while (header.hasRemaining()) {
                channel.write(header);
            }
            try {
                int got = in.readNBytes(ack, 0, ack.length);
                if (got < ack.length) {
                    throw new EOFException("server closed the connection before acknowledging " + device);
                }
            } catch (SocketTimeoutException e) {
                throw new IOException("no acknowledgement from " + config.host() + " for " + device, e);
            }
        }

        private void fill(String device, int cpu, int len) {
            fields.name = device;
            fields.cpu = cpu;
            fields.len = len;
            header.clear();
            fields.encode(header);
            header.flip();
        }

        void shutdown() throws IOException {
            channel.shutdownOutput();
            channel.close();
        }

        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // Abandoning the connection; the server sees it end either way.
            }
        }
    }
}
