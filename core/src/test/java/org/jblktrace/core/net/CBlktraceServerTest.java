package org.jblktrace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.kernel.HostFacility;
import org.jblktrace.core.kernel.HostKernel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our client against the C server ({@code /usr/sbin/blktrace -l}). The C server binds every
 * interface (it has no bind option); the client only talks to 127.0.0.1.
 */
@HostKernel
class CBlktraceServerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsBlktrace() {
        HostFacility.requireRoot();
        HostFacility.requireBlktrace();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, ClientScenario.loopback(0).getAddress())) {
            return probe.getLocalPort();
        }
    }

    @ParameterizedTest
    @CsvSource({"PER_STREAM, LITTLE_ENDIAN", "PER_STREAM, BIG_ENDIAN", "PER_CPU, LITTLE_ENDIAN", "PER_CPU, BIG_ENDIAN"})
    void cServerStoresExactlyWhatWeSentAndPrintsTheSameSummary(NetClient.Mode mode, String order) throws Exception {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ClientScenario scenario = new ClientScenario();
        Path output = Files.createDirectory(dir.resolve("srv"));
        int port = freePort();
        // Line-buffered so the server's progress lines arrive while it runs.
        Process server = new ProcessBuilder("stdbuf", "-oL", "/usr/sbin/blktrace", "-l", "-D", output.toString(),
                "-p", Integer.toString(port)).redirectError(dir.resolve("stderr").toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                // The server was killed; what it printed is already queued.
            }
        });
        pump.setDaemon(true);
        pump.start();
        StringBuilder printed = new StringBuilder();
        try {
            String first = lines.poll(10, TimeUnit.SECONDS);
            assertEquals("server: waiting for connections...", first);
            printed.append(first).append('\n');
            scenario.run(mode, byteOrder, port);
            String expected = "server: waiting for connections...\n"
                    + "server: connection from 127.0.0.1\n"
                    + scenario.expectedEndOfRun();
            while (printed.length() < expected.length()) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                if (line == null) {
                    break;
                }
                printed.append(line).append('\n');
            }
            assertEquals(expected, printed.toString());
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        assertEquals(0, server.exitValue());
        assertEquals(scenario.expectedWarning(), Files.readString(dir.resolve("stderr")));
        scenario.assertFiles(ClientScenario.hostDirectory(output));
    }
}
