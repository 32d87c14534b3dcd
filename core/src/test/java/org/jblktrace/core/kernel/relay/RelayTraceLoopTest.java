package org.jblktrace.core.kernel.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.kernel.HostFacility;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's blktrace on loop devices. On a kernel in lockdown (the CI host) the relay files
 * refuse to open and the capture test checks exactly that refusal; on a kernel without lockdown
 * (the QEMU guest) the same test captures real events.
 */
@HostKernel
class RelayTraceLoopTest {
    private static final RelayTrace.Settings SMALL = RelayTrace.Settings.defaults().withBuffers(16 * 1024, 4);

    @TempDir
    Path dir;

    @BeforeEach
    void needsLoopDevices() {
        HostFacility.requireLoopAndDebugfs();
    }

    /** The debugfs file of a device's trace, present only while a trace is set up. */
    private static Path relayFile(LoopDevice loop, String file) {
        return RelayTrace.DEFAULT_DEBUGFS.resolve("block").resolve(loop.name).resolve(file);
    }

    @Test
    void setupNamesTheTraceAndCloseTearsItDown() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 8 << 20)) {
            try (RelayTrace trace = RelayTrace.setup(List.of(loop.path), SMALL)) {
                assertEquals(List.of(loop.name), trace.names());
                assertTrue(Files.exists(relayFile(loop, "trace0")));
                assertEquals("0", Files.readString(relayFile(loop, "dropped")).strip());
            }
            assertFalse(Files.exists(relayFile(loop, "trace0")));
            RelayTrace.setup(List.of(loop.path), SMALL).close();
        }
    }

    @Test
    void captureRunsOrReportsLockdownWithTheTraceKeptForFallback() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 8 << 20);
                RelayTrace trace = RelayTrace.setup(List.of(loop.path), SMALL)) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            List<String> diagnostics = new CopyOnWriteArrayList<>();
            OnlineCpus cpus = OnlineCpus.read();
            try {
                trace.start((device, cpu, records) -> {
                    synchronized (captured) {
                        byte[] bytes = new byte[records.remaining()];
                        records.get(bytes);
                        captured.writeBytes(bytes);
                    }
                }, cpus, diagnostics::add);
            } catch (RelayException e) {
                assertEquals(RelayException.Reason.LOCKED_DOWN, e.reason());
                assertEquals(1, e.errno());
                int firstCpu = cpus.toArray()[0];
                assertEquals("Thread " + firstCpu + " failed open " + relayFile(loop, "trace" + firstCpu)
                        + ": 1/Operation not permitted", e.getMessage());
                assertTrue(Files.exists(relayFile(loop, "trace0")), "the trace must survive for a fallback");
                RelayException msg = assertThrows(RelayException.class, () -> trace.message(0, "hello"));
                assertEquals(RelayException.Reason.LOCKED_DOWN, msg.reason());
                return;
            }
            writeAndSync(loop.path);
            trace.message(0, "jblktrace relay test");
            trace.stop();
            assertEquals(List.of(), diagnostics);
            long bytesRead = 0;
            for (int cpu = 0; cpu < cpus.maxCpus(); cpu++) {
                bytesRead += trace.bytesRead(0, cpu);
            }
            assertEquals(bytesRead, captured.size());
            assertRecordsOf(captured.toByteArray(), "jblktrace relay test");
        }
    }

    @Test
    @Tag("guest")
    void theKernelAppliesTheActionMask() throws Exception {
        HostFacility.requireReadableRelay();
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 8 << 20);
                RelayTrace trace = RelayTrace.setup(List.of(loop.path), SMALL.withActMask(Blk.TC_READ))) {
            List<Integer> categories = new CopyOnWriteArrayList<>();
            trace.start((device, cpu, records) -> {
                TraceRecord r = new TraceRecord();
                while (records.hasRemaining()) {
                    RecordCodec.decodeHeader(records, records.getInt(records.position()) & 0xFF, r);
                    records.position(records.position() + r.pduLen);
                    categories.add(r.categories());
                }
            }, OnlineCpus.read(), line -> { });
            writeAndSync(loop.path);
            trace.stop();
            for (int category : categories) {
                assertTrue((category & Blk.TC_WRITE) == 0 || (category & Blk.TC_NOTIFY) != 0,
                        "write event passed a read-only mask: " + Integer.toHexString(category));
            }
        }
    }

    private static void writeAndSync(String device) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(device, "rw")) {
            file.write(new byte[64 * 1024]);
            file.getFD().sync();
        }
    }

    /** Parses the whole capture: writes to a loop device (major 7) and our message. */
    private static void assertRecordsOf(byte[] capture, String message) {
        ByteBuffer buf = ByteBuffer.wrap(capture).order(ByteOrder.nativeOrder());
        TraceRecord r = new TraceRecord();
        boolean sawWrite = false;
        boolean sawMessage = false;
        StringBuilder seen = new StringBuilder();
        while (buf.remaining() > 0) {
            int magic = buf.getInt(buf.position());
            assertTrue(RecordCodec.hasMagic(magic));
            RecordCodec.decodeHeader(buf, magic & 0xFF, r);
            byte[] pdu = new byte[r.pduLen];
            buf.get(pdu);
            seen.append(Long.toHexString(r.action)).append('/').append(r.pduLen).append(' ');
            if (r.isNotify()) {
                // Kernels with cgroup support put the flag and an 8-byte cgroup id before the text.
                int text = (r.action & Blk.TA_CGROUP) != 0 ? 8 : 0;
                sawMessage |= (r.code() & 0xFF) == Blk.TN_MESSAGE
                        && new String(pdu, text, pdu.length - text, StandardCharsets.UTF_8).startsWith(message);
            } else {
                assertEquals(7, Blk.major(r.device));
                sawWrite |= (r.categories() & Blk.TC_WRITE) != 0;
            }
        }
        assertTrue(sawWrite, "no write event captured: " + seen);
        assertTrue(sawMessage, "message not captured: " + seen);
    }

    @Test
    void secondSetupIsBusyAndLeavesTheFirstTraceAlone() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 8 << 20);
                RelayTrace first = RelayTrace.setup(List.of(loop.path), SMALL)) {
            RelayException busy = assertThrows(RelayException.class, () -> RelayTrace.setup(List.of(loop.path), SMALL));
            assertEquals(List.of(loop.name), first.names());
            assertEquals(RelayException.Reason.BUSY, busy.reason());
            assertEquals("BLKTRACESETUP(2) " + loop.path + " failed: 16/Device or resource busy", busy.getMessage());
            assertTrue(Files.exists(relayFile(loop, "trace0")), "the first trace was torn down");
        }
    }

    @Test
    void failedMultiDeviceSetupTearsDownOnlyTheTracesItSetUp() throws Exception {
        try (LoopDevice owned = LoopDevice.create(dir.resolve("a"), 8 << 20);
                LoopDevice foreign = LoopDevice.create(dir.resolve("b"), 8 << 20)) {
            try (RelayTrace other = RelayTrace.setup(List.of(foreign.path), SMALL)) {
                assertEquals(List.of(foreign.name), other.names());
                RelayException busy = assertThrows(RelayException.class,
                        () -> RelayTrace.setup(List.of(owned.path, foreign.path), SMALL));
                assertEquals(RelayException.Reason.BUSY, busy.reason());
                assertFalse(Files.exists(relayFile(owned, "trace0")), "our half-made trace was left behind");
                assertTrue(Files.exists(relayFile(foreign, "trace0")), "the other trace was torn down");
            }
            assertFalse(Files.exists(relayFile(foreign, "trace0")));
        }
    }

    @Test
    void killTearsDownAnyTraceAndReportsWhenThereIsNone() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 8 << 20)) {
            try (RelayTrace other = RelayTrace.setup(List.of(loop.path), SMALL)) {
                assertTrue(Files.exists(relayFile(loop, "trace0")), other.names().toString());
                RelayTrace.kill(loop.path);
                assertFalse(Files.exists(relayFile(loop, "trace0")));
            }
            RelayException none = assertThrows(RelayException.class, () -> RelayTrace.kill(loop.path));
            assertEquals(RelayException.Reason.INVALID, none.reason());
            assertEquals("BLKTRACETEARDOWN " + loop.path + " failed: 22/Invalid argument", none.getMessage());
        }
    }

    @Test
    void exitBySignalTearsDownTheTrace() throws Exception {
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 8 << 20)) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    TraceHolder.class.getName(), loop.path).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("traced " + loop.name, out.readLine());
                assertTrue(Files.exists(relayFile(loop, "trace0")));
                holder.destroy();
                assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
            } finally {
                holder.destroyForcibly();
            }
            assertFalse(Files.exists(relayFile(loop, "trace0")), "SIGTERM left the kernel trace behind");
            RelayTrace.setup(List.of(loop.path), SMALL).close();
        }
    }

    @Test
    void relayFilesAreLookedUpUnderTheGivenDebugfsPath() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("debugfs"));
        try (LoopDevice loop = LoopDevice.create(dir.resolve("img"), 8 << 20);
                RelayTrace trace = RelayTrace.setup(List.of(loop.path), SMALL.withDebugfs(elsewhere).withActMask(Blk.TC_WRITE))) {
            int cpu = OnlineCpus.read().toArray()[0];
            RelayException e = assertThrows(RelayException.class,
                    () -> trace.start((device, c, records) -> { }, OnlineCpus.read(), line -> { }));
            assertEquals(RelayException.Reason.NOT_FOUND, e.reason());
            assertEquals("Thread " + cpu + " failed open " + elsewhere + "/block/" + loop.name + "/trace" + cpu
                    + ": 2/No such file or directory", e.getMessage());
        }
    }

    @Test
    void notABlockDeviceIsNotSupported() {
        RelayException e = assertThrows(RelayException.class, () -> RelayTrace.setup(List.of("/dev/null"), SMALL));
        assertEquals(RelayException.Reason.NOT_SUPPORTED, e.reason());
        assertEquals("BLKTRACESETUP(2) /dev/null failed: 25/Inappropriate ioctl for device", e.getMessage());
    }

    @Test
    void missingDeviceIsNotFound() {
        RelayException e = assertThrows(RelayException.class,
                () -> RelayTrace.setup(List.of("/dev/jblktrace-missing"), SMALL));
        assertEquals(RelayException.Reason.NOT_FOUND, e.reason());
        assertEquals("Invalid path /dev/jblktrace-missing specified: 2/No such file or directory", e.getMessage());
    }
}
