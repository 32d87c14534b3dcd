package org.jblktrace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client against our server on 127.0.0.1. */
class NetLoopbackTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /** A server on an ephemeral loopback port, serving on a background thread. */
    private final class RunningServer implements AutoCloseable {
        final NetServer server;
        final Thread thread;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        RunningServer() throws IOException {
            this(dir);
        }

        RunningServer(Path output) throws IOException {
            server = NetServer.bind(new NetServer.Settings(ClientScenario.loopback(0), output, 2, 512 * 1024, 4, 4096, 1),
                    new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
            thread = new Thread(() -> {
                try {
                    server.serve();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            thread.start();
        }

        int port() throws IOException {
            return server.port();
        }

        /** Waits (bounded) until stdout contains {@code text}. */
        void awaitOutput(String text) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!stdout.toString(StandardCharsets.UTF_8).contains(text) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertFalse(thread.isAlive());
        }
    }

    @ParameterizedTest
    @CsvSource({"PER_STREAM, LITTLE_ENDIAN", "PER_STREAM, BIG_ENDIAN", "PER_CPU, LITTLE_ENDIAN", "PER_CPU, BIG_ENDIAN"})
    void filesAndSummaryMatchWhatTheClientSent(NetClient.Mode mode, String order) throws Exception {
        ClientScenario scenario = new ClientScenario();
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        try (RunningServer running = new RunningServer()) {
            scenario.run(mode, byteOrder, running.port());
            String expected = "server: waiting for connections...\n"
                    + "server: connection from 127.0.0.1\n"
                    + scenario.expectedEndOfRun();
            awaitEquals(stdout, expected);
            awaitEquals(stderr, scenario.expectedWarning());
            scenario.assertFiles(ClientScenario.hostDirectory(dir));
        }
    }

    /** The server prints after acknowledging the last close, so its output is awaited (bounded). */
    private static void awaitEquals(ByteArrayOutputStream printed, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!printed.toString(StandardCharsets.UTF_8).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badMagicStopsTheServerWithBlktracesMessage() throws Exception {
        try (RunningServer running = new RunningServer()) {
            try (Socket socket = new Socket(ClientScenario.loopback(0).getAddress(), running.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(new byte[NetHeader.SIZE]);
                out.flush();
                running.thread.join(10_000);
            }
            assertFalse(running.thread.isAlive());
            assertEquals("ncd(1): received data is bad", running.failure.get().getMessage());
        }
    }

    @Test
    void truncatedHeaderStopsTheServer() throws Exception {
        try (RunningServer running = new RunningServer()) {
            try (Socket socket = new Socket(ClientScenario.loopback(0).getAddress(), running.port())) {
                ByteBuffer header = ByteBuffer.allocate(NetHeader.SIZE).order(ByteOrder.nativeOrder());
                new NetHeader().encode(header);
                socket.getOutputStream().write(header.array(), 0, 40);
                socket.shutdownOutput();
                running.thread.join(10_000);
            }
            assertEquals("ncd(1): header read failed", running.failure.get().getMessage());
        }
    }

    @Test
    void absurdCpuCountStopsTheServerBeforeAllocatingFiles() throws Exception {
        try (RunningServer running = new RunningServer()) {
            try (Socket socket = new Socket(ClientScenario.loopback(0).getAddress(), running.port())) {
                NetHeader open = new NetHeader();
                open.name = "sda";
                open.maxCpus = -1;
                ByteBuffer header = ByteBuffer.allocate(NetHeader.SIZE).order(ByteOrder.nativeOrder());
                open.encode(header);
                socket.getOutputStream().write(header.array());
                running.thread.join(10_000);
            }
            assertEquals("ncd(127.0.0.1:1): bad CPU count -1", running.failure.get().getMessage());
            try (var entries = Files.list(dir)) {
                assertEquals(0, entries.count());
            }
        }
    }

    @Test
    void missingOutputDirectoryStopsTheServerWithBlktracesErrnoText() throws Exception {
        Path missing = dir.resolve("missing");
        try (RunningServer running = new RunningServer(missing)) {
            try (Socket socket = new Socket(ClientScenario.loopback(0).getAddress(), running.port())) {
                NetHeader open = new NetHeader();
                open.name = "sda";
                open.maxCpus = 2;
                ByteBuffer header = ByteBuffer.allocate(NetHeader.SIZE).order(ByteOrder.nativeOrder());
                open.encode(header);
                socket.getOutputStream().write(header.array());
                running.thread.join(10_000);
            }
            String message = running.failure.get().getMessage();
            assertTrue(message.matches("Destination dir \\Q" + missing
                    + "\\E/127\\.0\\.0\\.1-[-0-9:]+/ can't be made: 2/No such file or directory"), message);
        }
    }

    @Test
    void dataForACpuTheClientDidNotAnnounceStopsTheServer() throws Exception {
        try (RunningServer running = new RunningServer()) {
            try (Socket socket = new Socket(ClientScenario.loopback(0).getAddress(), running.port())) {
                NetHeader data = new NetHeader();
                data.name = "sda";
                data.maxCpus = 2;
                data.cpu = 2;
                data.len = 48;
                ByteBuffer message = ByteBuffer.allocate(NetHeader.SIZE + 48).order(ByteOrder.nativeOrder());
                data.encode(message);
                socket.getOutputStream().write(message.array());
                running.thread.join(10_000);
            }
            assertEquals("ncd(127.0.0.1:1): data for CPU 2 of sda, which has 2 CPUs", running.failure.get().getMessage());
        }
    }

    @Test
    void refusedConnectionGetsBlktracesHint() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, ClientScenario.loopback(0).getAddress())) {
            port = probe.getLocalPort();
        }
        NetClient.Config config = new NetClient.Config("127.0.0.1", ClientScenario.loopback(port), 1, 1, 4096, 4, 4096,
                ByteOrder.nativeOrder(), 5_000);
        ConnectException e = assertThrows(ConnectException.class,
                () -> NetClient.connect(NetClient.Mode.PER_CPU, config, List.of("sda"), new int[] {0}));
        assertEquals("client: Connection to 127.0.0.1 refused, perhaps the server is not started?", e.getMessage());
    }

    @Test
    void serverStopsCleanlyWithoutClients() throws Exception {
        try (RunningServer running = new RunningServer()) {
            running.awaitOutput("waiting");
        }
        assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("server: waiting for connections..."));
        try (var entries = Files.list(dir)) {
            assertEquals(0, entries.count());
        }
    }
}
