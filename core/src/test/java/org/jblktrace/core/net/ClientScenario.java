package org.jblktrace.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jblktrace.core.kernel.relay.SyntheticTrace;

/**
 * One client run used against both servers: two devices, CPUs 0 and 2 online out of three,
 * records sent in several data messages, 5 drops on the first device.
 */
final class ClientScenario {
    static final List<String> DEVICES = List.of("fake0", "fake1");
    static final int[] ONLINE = {0, 2};
    static final int MAX_CPUS = 3;
    static final long[] DROPS = {5, 0};

    /** Trace bytes per device and CPU (empty for the offline CPU 1). */
    final byte[][][] traces = new byte[DEVICES.size()][MAX_CPUS][];

    ClientScenario() {
        for (int d = 0; d < DEVICES.size(); d++) {
            for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
                traces[d][cpu] = cpu == 1 ? new byte[0]
                        : SyntheticTrace.records(150 + 70 * d + 11 * cpu, cpu, ByteOrder.nativeOrder(), false);
            }
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Runs the client to completion against a server on 127.0.0.1. */
    void run(NetClient.Mode mode, ByteOrder order, int port) throws IOException {
        NetClient.Config config = new NetClient.Config("127.0.0.1", loopback(port), MAX_CPUS, 4242, 512 * 1024, 4,
                4096, order, 10_000);
        try (NetClient client = NetClient.connect(mode, config, DEVICES, ONLINE)) {
            for (int d = 0; d < DEVICES.size(); d++) {
                for (int cpu : ONLINE) {
                    for (ByteBuffer piece : pieces(traces[d][cpu])) {
                        client.write(DEVICES.get(d), cpu, piece);
                    }
                }
            }
            client.finish(DROPS);
        }
    }

    /** Splits a trace into three messages at record boundaries. */
    private static List<ByteBuffer> pieces(byte[] trace) {
        ByteBuffer all = ByteBuffer.wrap(trace).order(ByteOrder.nativeOrder());
        List<Integer> cuts = new ArrayList<>();
        int offset = 0;
        while (offset < trace.length) {
            cuts.add(offset);
            offset += 48 + (all.getShort(offset + 46) & 0xFFFF);
        }
        cuts.add(trace.length);
        int third = cuts.size() / 3;
        int[] at = {0, cuts.get(third), cuts.get(2 * third), trace.length};
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pieces.add(ByteBuffer.allocateDirect(at[i + 1] - at[i]).put(trace, at[i], at[i + 1] - at[i]).flip());
        }
        return pieces;
    }

    /** The per-host directory the server made: exactly one, named 127.0.0.1-YYYY-MM-DD-HH:MM:SS. */
    static Path hostDirectory(Path outputDir) throws IOException {
        try (Stream<Path> entries = Files.list(outputDir)) {
            List<Path> dirs = entries.toList();
            assertEquals(1, dirs.size(), dirs.toString());
            String name = dirs.get(0).getFileName().toString();
            assertEquals(true, name.matches("127\\.0\\.0\\.1-\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d"), name);
            return dirs.get(0);
        }
    }

    /** Every device has one file per CPU holding exactly what was sent. */
    void assertFiles(Path hostDirectory) throws IOException {
        try (Stream<Path> entries = Files.list(hostDirectory)) {
            assertEquals(DEVICES.size() * MAX_CPUS, entries.count());
        }
        for (int d = 0; d < DEVICES.size(); d++) {
            for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
                Path file = hostDirectory.resolve(DEVICES.get(d) + ".blktrace." + cpu);
                assertArrayEquals(traces[d][cpu], Files.readAllBytes(file), file.toString());
            }
        }
    }

    /** What a server prints once the run ended. */
    String expectedEndOfRun() {
        StringBuilder text = new StringBuilder();
        TraceSummary summary = new TraceSummary();
        for (int d = 0; d < DEVICES.size(); d++) {
            long[] bytes = new long[MAX_CPUS];
            for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
                bytes[cpu] = traces[d][cpu].length;
            }
            text.append("server: end of run for 127.0.0.1:").append(DEVICES.get(d)).append('\n');
            text.append(summary.addDevice(DEVICES.get(d), bytes, null, DROPS[d]));
        }
        return text.toString();
    }

    String expectedWarning() {
        TraceSummary summary = new TraceSummary();
        for (int d = 0; d < DEVICES.size(); d++) {
            long[] bytes = new long[MAX_CPUS];
            for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
                bytes[cpu] = traces[d][cpu].length;
            }
            summary.addDevice(DEVICES.get(d), bytes, null, DROPS[d]);
        }
        return summary.dropWarning();
    }
}
