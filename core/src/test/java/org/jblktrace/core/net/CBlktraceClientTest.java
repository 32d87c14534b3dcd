package org.jblktrace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.kernel.HostFacility;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.core.kernel.relay.OnlineCpus;
import org.jblktrace.core.kernel.relay.RelayTrace;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C client ({@code blktrace -h}) against our server. The C client needs readable relay
 * files, so this runs only in the QEMU guest (see {@link HostFacility#requireReadableRelay}).
 * Checked: our server prints exactly the block the C client printed locally, and stores whole
 * records of the traced loop device. Only the C client's {@code -s} conversation is exercised:
 * its default one sendfile()s from the relay files, which kernels without relay splice support
 * refuse ({@code sendfile: Invalid argument} on the 6.1 guest), so the C tool itself cannot run it.
 */
@Tag("guest")
class CBlktraceClientTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsReadableRelay() {
        HostFacility.requireReadableRelay();
    }

    @Test
    void ourServerReceivesTheCClientsSendModeRun() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Path output = Files.createDirectory(dir.resolve("srv"));
        NetServer server = NetServer.bind(new NetServer.Settings(ClientScenario.loopback(0), output, 1, 512 * 1024, 4,
                4096, 1), new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        Thread serving = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        serving.start();
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 32 << 20)) {
            ProcessBuilder builder = new ProcessBuilder("stdbuf", "-oL", "/usr/sbin/blktrace", "-d", loop.path,
                    "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-w", "5", "-s");
            Path clientOutput = dir.resolve("client.out");
            Process client = builder.redirectErrorStream(true).redirectOutput(clientOutput.toFile()).start();
            long connectDeadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.readString(clientOutput).contains("blktrace: connected!") && System.nanoTime() < connectDeadline) {
                Thread.sleep(50);
            }
            try (RandomAccessFile device = new RandomAccessFile(loop.path, "rw")) {
                device.write(new byte[1 << 20]);
                device.getFD().sync();
            }
            boolean finished = client.waitFor(30, TimeUnit.SECONDS);
            if (!finished) {
                client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                // A killed blktrace leaves its kernel trace behind; later tests would meet EBUSY.
                RelayTrace.kill(loop.path);
            }
            String clientOut = Files.readString(clientOutput);
            assertTrue(finished, "blktrace client did not finish: " + clientOut + " / server: " + stdout);
            assertTrue(clientOut.contains("=== " + loop.name + " ==="), clientOut);
            String block = clientOut.substring(clientOut.indexOf("=== " + loop.name + " ==="));
            String expected = "server: waiting for connections...\n"
                    + "server: connection from 127.0.0.1\n"
                    + "server: end of run for 127.0.0.1:" + loop.name + "\n" + block;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!stdout.toString(StandardCharsets.UTF_8).equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(expected, stdout.toString(StandardCharsets.UTF_8));
            assertWholeLoopRecords(ClientScenario.hostDirectory(output), loop.name);
        } finally {
            server.close();
            serving.join(10_000);
        }
    }

    private static void assertWholeLoopRecords(Path hostDirectory, String name) throws IOException {
        boolean sawWrite = false;
        for (int cpu = 0; cpu < OnlineCpus.read().maxCpus(); cpu++) {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(hostDirectory.resolve(name + ".blktrace." + cpu)))
                    .order(ByteOrder.nativeOrder());
            TraceRecord r = new TraceRecord();
            while (buf.hasRemaining()) {
                int magic = buf.getInt(buf.position());
                assertTrue(RecordCodec.hasMagic(magic));
                RecordCodec.decodeHeader(buf, magic & 0xFF, r);
                buf.position(buf.position() + r.pduLen);
                if (!r.isNotify()) {
                    assertEquals(7, Blk.major(r.device));
                    sawWrite |= (r.categories() & Blk.TC_WRITE) != 0;
                }
            }
        }
        assertTrue(sawWrite, "no write event received");
    }
}
