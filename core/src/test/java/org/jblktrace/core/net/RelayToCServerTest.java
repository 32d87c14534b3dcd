package org.jblktrace.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.kernel.HostFacility;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.kernel.relay.RelayTrace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole client path in the QEMU guest: the kernel trace read through the relay files,
 * shipped by our client to the C server, which must store exactly the captured bytes and
 * print the statistics our own summary computes from the capture.
 */
@Tag("guest")
class RelayToCServerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsReadableRelay() {
        HostFacility.requireReadableRelay();
    }

    @Test
    void capturedRecordsArriveUnchangedAtTheCServer() throws Exception {
        Path output = Files.createDirectory(dir.resolve("srv"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, ClientScenario.loopback(0).getAddress())) {
            port = probe.getLocalPort();
        }
        Path serverOutput = dir.resolve("server.out");
        Process server = new ProcessBuilder("stdbuf", "-oL", "/usr/sbin/blktrace", "-l", "-D", output.toString(),
                "-p", Integer.toString(port)).redirectError(dir.resolve("server.err").toFile())
                .redirectOutput(serverOutput.toFile()).start();
        OnlineCpus cpus = OnlineCpus.read();
        ByteArrayOutputStream[] captured = new ByteArrayOutputStream[cpus.maxCpus()];
        for (int cpu = 0; cpu < captured.length; cpu++) {
            captured[cpu] = new ByteArrayOutputStream();
        }
        String expected;
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 32 << 20)) {
            awaitText(serverOutput, "server: waiting for connections...");
            try (RelayTrace trace = RelayTrace.setup(List.of(loop.path), RelayTrace.Settings.defaults())) {
                NetClient.Config config = new NetClient.Config("127.0.0.1", ClientScenario.loopback(port),
                        cpus.maxCpus(), (int) ProcessHandle.current().pid(), 512 * 1024, 4, RelayTrace.pageSize(),
                        ByteOrder.nativeOrder(), 10_000);
                try (NetClient client = NetClient.connect(NetClient.Mode.PER_STREAM, config, trace.names(),
                        cpus.toArray())) {
                    trace.start((device, cpu, records) -> {
                        ByteBuffer copy = records.duplicate();
                        byte[] bytes = new byte[copy.remaining()];
                        copy.get(bytes);
                        captured[cpu].writeBytes(bytes);
                        client.write(device, cpu, records);
                    }, cpus, line -> { });
                    try (RandomAccessFile device = new RandomAccessFile(loop.path, "rw")) {
                        device.write(new byte[1 << 20]);
                        device.getFD().sync();
                    }
                    trace.stop();
                    client.finish(new long[] {trace.dropped(0)});
                }
                long[] bytes = new long[cpus.maxCpus()];
                for (int cpu = 0; cpu < bytes.length; cpu++) {
                    bytes[cpu] = trace.bytesRead(0, cpu);
                }
                expected = "server: end of run for 127.0.0.1:" + loop.name + "\n"
                        + new TraceSummary().addDevice(loop.name, bytes, null, trace.dropped(0));
                assertTrue(bytes[0] + (bytes.length > 1 ? bytes[1] : 0) > 0, "nothing captured");
            }
            awaitText(serverOutput, "  Total:");
            Path host = ClientScenario.hostDirectory(output);
            for (int cpu = 0; cpu < captured.length; cpu++) {
                assertArrayEquals(captured[cpu].toByteArray(),
                        Files.readAllBytes(host.resolve(loop.name + ".blktrace." + cpu)), "CPU " + cpu);
            }
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        assertEquals("server: waiting for connections...\nserver: connection from 127.0.0.1\n" + expected,
                Files.readString(serverOutput));
    }

    private static void awaitText(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.readString(file).contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
