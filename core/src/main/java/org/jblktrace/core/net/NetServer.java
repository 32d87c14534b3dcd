package org.jblktrace.core.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.kernel.Errno;

/**
 * The server side of blktrace's network mode ({@code blktrace -l}). Clients are grouped by IP
 * address; every device a client announces gets one file per client CPU,
 * {@code DIR/IP-YYYY-MM-DD-HH:MM:SS/NAME.blktrace.CPU} (UTC time of the connection that first
 * announced a device of that client run). When the last open stream of a host is closed, the
 * host's statistics are printed and its files and connections closed.
 *
 * <p>As in blktrace, the byte order of the first header ever received holds for every later
 * connection. Protocol violations end {@link #serve} with the one-line error blktrace prints
 * before exiting with status 1.
 */
public final class NetServer implements Closeable {
    private static final DateTimeFormatter DIRECTORY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int CHUNK = 1 << 20;
    /** Sanity bound on a client's CPU count, which sizes the per-device file table. */
    private static final int MAX_CPUS = 1 << 16;

    /**
     * Where to listen and what to put in acks (blktrace acks with its own settings).
     *
     * @param outputDir directory for the per-host directories; null means the current one
     */
    public record Settings(InetSocketAddress bind, Path outputDir, int maxCpus, int bufSize, int bufNr,
            int pageSize, int serverId) {
    }

    private final Settings settings;
    private final ServerSocketChannel listener;
    private final PrintStream out;
    private final PrintStream err;
    private final Object lock = new Object();
    private final Map<InetAddress, Host> hosts = new LinkedHashMap<>();
    private ByteOrder peerOrder;
    private int connectionCount;
    private volatile IOException fatal;

    private NetServer(Settings settings, ServerSocketChannel listener, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.listener = listener;
        this.out = out;
        this.err = err;
    }

    /** Binds the listening socket (address reuse on, backlog 1 like blktrace). */
    public static NetServer bind(Settings settings, PrintStream out, PrintStream err) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(settings.bind(), 1);
        } catch (IOException e) {
            listener.close();
            throw new IOException("bind: " + e.getMessage(), e);
        }
        return new NetServer(settings, listener, out, err);
    }

    /** The port actually bound (useful when binding port 0). */
    public int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /**
     * Accepts and serves clients until {@link #close} is called.
     *
     * @throws IOException the protocol violation that stopped the server
     */
    public void serve() throws IOException {
        out.println("server: waiting for connections...");
        out.flush();
        try {
            while (true) {
                SocketChannel socket = listener.accept();
                Connection connection;
                try {
                    connection = register(socket);
                } catch (IOException e) {
                    // The peer vanished between connect and accept; nothing was exchanged yet.
                    socket.close();
                    continue;
                }
                Thread thread = new Thread(connection, "blktrace-server-" + connection.id);
                thread.setDaemon(true);
                thread.start();
            }
        } catch (ClosedChannelException e) {
            // close() or a fatal protocol error ended the accept loop.
        } finally {
            shutdownAll();
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    /** Stops accepting; connections and files are closed, unfinished runs get no statistics. */
    @Override
    public void close() throws IOException {
        listener.close();
    }

    private Connection register(SocketChannel socket) throws IOException {
        InetAddress address = ((InetSocketAddress) socket.getRemoteAddress()).getAddress();
        synchronized (lock) {
            Host host = hosts.get(address);
            if (host == null) {
                host = new Host(address.getHostAddress());
                hosts.put(address, host);
                out.println("server: connection from " + host.ip);
                out.flush();
            }
            Connection connection = new Connection(++connectionCount, socket, host);
            host.connections.add(connection);
            return connection;
        }
    }

    private void fail(String message) {
        synchronized (lock) {
            if (fatal == null) {
                fatal = new IOException(message);
            }
        }
        try {
            listener.close();
        } catch (IOException e) {
            // Closing only wakes the accept loop; the fatal error is what gets reported.
        }
    }

    private void shutdownAll() {
        synchronized (lock) {
            for (Host host : hosts.values()) {
                host.release();
            }
            hosts.clear();
        }
    }

    /** One client machine: its connections, its devices and how many streams are still open. */
    private final class Host {
        final String ip;
        final List<Connection> connections = new ArrayList<>();
        final Map<String, Device> devices = new LinkedHashMap<>();
        int opens;
        boolean ended;

        Host(String ip) {
            this.ip = ip;
        }

        Device device(NetHeader header, Connection connection) throws IOException {
            Device device = devices.get(header.name);
            if (device != null) {
                return device;
            }
            Instant runTime = connection.connectTime;
            for (Device other : devices.values()) {
                if (other.clientId == header.clientId) {
                    runTime = other.runTime;
                }
            }
            device = new Device(header.name, header.clientId, runTime, connection.cpus);
            device.open(settings.outputDir() == null ? Path.of(".") : settings.outputDir(), ip);
            devices.put(header.name, device);
            return device;
        }

        /** Statistics of every device, then everything of this host is closed. */
        void endOfRun() {
            TraceSummary summary = new TraceSummary();
            for (Device device : devices.values()) {
                out.print("server: end of run for " + ip + ":" + device.name + "\n");
                out.print(summary.addDevice(device.name, device.bytes, null, device.drops));
            }
            out.flush();
            err.print(summary.dropWarning());
            err.flush();
            release();
            hosts.values().remove(this);
        }

        void release() {
            ended = true;
            for (Device device : devices.values()) {
                device.close();
            }
            for (Connection connection : connections) {
                connection.closeQuietly();
            }
        }
    }

    /** One traced device of a host: a file per CPU of the client. */
    private static final class Device {
        final String name;
        final int clientId;
        final Instant runTime;
        final long[] bytes;
        final FileChannel[] files;
        long drops;

        Device(String name, int clientId, Instant runTime, int cpus) {
            this.name = name;
            this.clientId = clientId;
            this.runTime = runTime;
            this.bytes = new long[cpus];
            this.files = new FileChannel[cpus];
        }

        void open(Path base, String ip) throws IOException {
            Path dir = base.resolve(ip + "-" + DIRECTORY_TIME.format(runTime));
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // Another device of the same run made it first.
            } catch (NoSuchFileException e) {
                throw cannotMake(dir, Errno.describe(Errno.ENOENT), e);
            } catch (AccessDeniedException e) {
                throw cannotMake(dir, Errno.describe(Errno.EACCES), e);
            } catch (IOException e) {
                throw cannotMake(dir, e instanceof FileSystemException failed && failed.getReason() != null
                        ? failed.getReason() : e.getMessage(), e);
            }
            for (int cpu = 0; cpu < files.length; cpu++) {
                Path file = dir.resolve(name + ".blktrace." + cpu);
                try {
                    files[cpu] = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                } catch (IOException e) {
                    close();
                    throw new IOException("Open output file " + file + " failed: " + e.getMessage(), e);
                }
            }
        }

        /** blktrace's line, with its errno text where Java names the cause by an exception class. */
        private static IOException cannotMake(Path dir, String reason, IOException cause) {
            return new IOException("Destination dir " + dir + "/ can't be made: " + reason, cause);
        }

        synchronized void append(int cpu, ByteBuffer data) throws IOException {
            bytes[cpu] += data.remaining();
            while (data.hasRemaining()) {
                files[cpu].write(data);
            }
        }

        synchronized void close() {
            for (FileChannel file : files) {
                if (file == null) {
                    continue;
                }
                try {
                    file.close();
                } catch (IOException e) {
                    // Data already written stays; a close failure cannot be acted on here.
                }
            }
        }
    }

    /** One client connection, served by its own thread. */
    private final class Connection implements Runnable {
        final int id;
        final SocketChannel socket;
        final Host host;
        final Instant connectTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final ByteBuffer headerBytes = ByteBuffer.allocate(NetHeader.SIZE);
        final ByteBuffer ackBytes = ByteBuffer.allocate(NetHeader.SIZE).order(ByteOrder.nativeOrder());
        final NetHeader header = new NetHeader();
        ByteBuffer data;
        int cpus = -1;

        Connection(int id, SocketChannel socket, Host host) {
            this.id = id;
            this.socket = socket;
            this.host = host;
        }

        @Override
        public void run() {
            try {
                while (readHeader()) {
                    handle();
                }
            } catch (IOException e) {
                synchronized (lock) {
                    if (host.ended || fatal != null) {
                        return;
                    }
                }
                err.println("server: net_recv_data: recv failed: " + e.getMessage());
            } finally {
                synchronized (lock) {
                    host.connections.remove(this);
                }
                closeQuietly();
            }
        }

        /** Reads one header; false at a clean end of stream before it. */
        private boolean readHeader() throws IOException {
            headerBytes.clear();
            int got = readFully(headerBytes);
            if (got == 0) {
                return false;
            }
            if (got < NetHeader.SIZE) {
                throw protocol("ncd(" + id + "): header read failed");
            }
            headerBytes.flip();
            synchronized (lock) {
                if (peerOrder == null) {
                    peerOrder = NetHeader.detectOrder(headerBytes);
                    if (peerOrder == null) {
                        throw protocol("ncd(" + id + "): received data is bad");
                    }
                }
                headerBytes.order(peerOrder);
            }
            header.decode(headerBytes);
            if (!header.hasMagic()) {
                throw protocol("ncd(" + host.ip + ":" + id + "): bad data magic");
            }
            if (cpus == -1) {
                if (header.maxCpus < 1 || header.maxCpus > MAX_CPUS) {
                    throw protocol("ncd(" + host.ip + ":" + id + "): bad CPU count " + header.maxCpus);
                }
                cpus = header.maxCpus;
            }
            return true;
        }

        private void handle() throws IOException {
            Device device;
            synchronized (lock) {
                if (host.ended) {
                    throw new AsynchronousCloseException();
                }
                try {
                    device = host.device(header, this);
                } catch (IOException e) {
                    throw protocol(e.getMessage());
                }
                if (header.len == NetHeader.OPEN) {
                    acknowledge(device.name);
                    host.opens++;
                    return;
                }
                if (header.len == NetHeader.CLOSE) {
                    device.drops = Integer.toUnsignedLong(header.cpu);
                    acknowledge(device.name);
                    if (--host.opens == 0) {
                        host.endOfRun();
                    }
                    return;
                }
            }
            if (header.cpu < 0 || header.cpu >= device.files.length) {
                throw protocol("ncd(" + host.ip + ":" + id + "): data for CPU " + header.cpu + " of "
                        + device.name + ", which has " + device.files.length + " CPUs");
            }
            receiveData(device, Integer.toUnsignedLong(header.len));
        }

        /** Copies {@code length} bytes to the device's CPU file; a short stream keeps what came. */
        private void receiveData(Device device, long length) throws IOException {
            if (data == null) {
                data = ByteBuffer.allocateDirect(CHUNK);
            }
            long left = length;
            while (left > 0) {
                int wanted = (int) Math.min(CHUNK, left);
                data.clear().limit(wanted);
                int got = readFully(data);
                data.flip();
                device.append(header.cpu, data);
                if (got < wanted) {
                    return;
                }
                left -= got;
            }
        }

        private void acknowledge(String device) throws IOException {
            NetHeader ack = new NetHeader();
            ack.name = device;
            ack.len = NetHeader.ACK;
            ack.maxCpus = settings.maxCpus();
            ack.clientId = settings.serverId();
            ack.bufSize = settings.bufSize();
            ack.bufNr = settings.bufNr();
            ack.pageSize = settings.pageSize();
            ackBytes.clear();
            ack.encode(ackBytes);
            ackBytes.flip();
            while (ackBytes.hasRemaining()) {
                socket.write(ackBytes);
            }
        }

        /** Fills the buffer unless the stream ends first; returns the bytes read. */
        private int readFully(ByteBuffer buffer) throws IOException {
            int total = 0;
            while (buffer.hasRemaining()) {
                int got = socket.read(buffer);
                if (got < 0) {
                    break;
                }
                total += got;
            }
            return total;
        }

        private IOException protocol(String message) {
            fail(message);
            return new AsynchronousCloseException();
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException e) {
                // The peer is gone or we are shutting down; nothing to tell anyone.
            }
        }
    }
}
