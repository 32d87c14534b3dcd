package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.kernel.TraceSink;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.Test;

class RecordConverterTest {
    private static final int CPU = 1;
    private static final int SDA = Blk.device(8, 0);
    private static final int SDB = Blk.device(8, 16);
    private static final int OTHER = Blk.device(7, 3);

    /** Collects what the converter writes, per device, and the size of every write. */
    private static final class Collector implements TraceSink {
        final Map<String, ByteArrayOutputStream> streams = new HashMap<>();
        final List<Integer> writeSizes = new ArrayList<>();

        @Override
        public void write(String deviceName, int cpu, ByteBuffer records) {
            fail("the converter hands over records without their count");
        }

        @Override
        public void write(String deviceName, int cpu, ByteBuffer records, int recordCount) {
            assertEquals(CPU, cpu);
            writeSizes.add(records.remaining());
            byte[] bytes = new byte[records.remaining()];
            records.get(bytes);
            assertEquals(TraceFiles.decode(ByteBuffer.wrap(bytes)).size(), recordCount, "records in one write");
            streams.computeIfAbsent(deviceName, d -> new ByteArrayOutputStream()).writeBytes(bytes);
        }

        List<TraceRecord> records(String device) {
            ByteArrayOutputStream s = streams.get(device);
            return s == null ? List.of() : TraceFiles.decode(ByteBuffer.wrap(s.toByteArray()));
        }
    }

    private final Collector sink = new Collector();

    private RecordConverter converter(int flushBytes) {
        TaskNameSource names = (pid, cpu) -> KernelTaskNames.encode("task" + pid);
        return new RecordConverter(CPU, new int[] {SDA, SDB}, new String[] {"sda", "sdb"}, names, sink, flushBytes);
    }

    private static TraceRecord event(int version, int device, int action, long sector, int pid, long time) {
        TraceRecord r = new TraceRecord();
        r.version = version;
        r.time = time;
        r.sector = sector;
        r.bytes = 4096;
        r.action = Blk.action(action, Blk.TC_QUEUE | Blk.TC_WRITE);
        r.pid = pid;
        r.device = device;
        r.cpu = CPU;
        r.pduLen = 0;
        return r;
    }

    private static TraceRecord message(int device, String text, boolean cgroup) {
        TraceRecord r = new TraceRecord();
        r.time = 50;
        r.action = Blk.notifyAction(Blk.TN_MESSAGE) | (cgroup ? Blk.TA_CGROUP : 0);
        r.device = device;
        r.cpu = CPU;
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer pdu = ByteBuffer.allocate((cgroup ? 8 : 0) + body.length).order(ByteOrder.nativeOrder());
        if (cgroup) {
            pdu.putLong(1);
        }
        pdu.put(body);
        r.setPdu(pdu.array());
        return r;
    }

    private static ByteBuffer stream(TraceRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TraceRecord r : records) {
            out.writeBytes(RecordCodec.toBytes(r, ByteOrder.nativeOrder()));
        }
        return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.nativeOrder());
    }

    private static void consumeAll(RecordConverter c, ByteBuffer data) throws IOException {
        c.consume(data);
        assertEquals(0, data.remaining(), "whole records must be consumed");
    }

    @Test
    void eventsAreNumberedFromOnePerDeviceAndNotesTakeNoNumber() throws IOException {
        RecordConverter c = converter(4096);
        consumeAll(c, stream(event(7, SDA, Blk.TA_QUEUE, 8, 10, 100), event(7, SDB, Blk.TA_QUEUE, 16, 10, 101),
            message(SDA, "hello", false), event(7, SDA, Blk.TA_COMPLETE, 8, 0, 102),
            event(7, SDB, Blk.TA_COMPLETE, 16, 0, 103)));
        c.finish();
        List<Integer> sdaSequences = new ArrayList<>();
        for (TraceRecord r : sink.records("sda")) {
            assertEquals(SDA, r.device);
            if (r.isNotify()) {
                assertEquals(0, r.sequence);
            } else {
                sdaSequences.add(r.sequence);
            }
        }
        assertEquals(List.of(1, 2), sdaSequences);
        List<Integer> sdbSequences = new ArrayList<>();
        for (TraceRecord r : sink.records("sdb")) {
            if (!r.isNotify()) {
                sdbSequences.add(r.sequence);
            }
        }
        assertEquals(List.of(1, 2), sdbSequences);
        assertEquals(2, c.events(0));
        assertEquals(2, c.events(1));
    }

    @Test
    void aProcessNoteComesBeforeEachTasksFirstEventOnly() throws IOException {
        RecordConverter c = converter(4096);
        consumeAll(c, stream(event(7, SDA, Blk.TA_QUEUE, 8, 10, 100), event(7, SDA, Blk.TA_GETRQ, 8, 10, 101),
            event(7, SDA, Blk.TA_COMPLETE, 8, 22, 102)));
        c.finish();
        List<TraceRecord> records = sink.records("sda");
        assertEquals(5, records.size());
        TraceRecord note = records.get(0);
        assertEquals(Blk.notifyAction(Blk.TN_PROCESS), note.action);
        assertEquals(10, note.pid);
        assertEquals(100, note.time);
        assertEquals(SDA, note.device);
        assertEquals(CPU, note.cpu);
        assertEquals("task10", TraceFiles.comm(note));
        assertEquals(Blk.COMM_LEN, note.pduLen);
        assertEquals(Blk.TA_QUEUE, records.get(1).code());
        assertEquals(Blk.TA_GETRQ, records.get(2).code());
        assertEquals(22, records.get(3).pid);
        assertEquals("task22", TraceFiles.comm(records.get(3)));
        assertEquals(Blk.TA_COMPLETE, records.get(4).code());
    }

    @Test
    void theTimestampNoteLeadsEveryDeviceStreamInTheFirstRecordsVersion() throws IOException {
        RecordConverter c = converter(4096);
        c.announceStart(90, 1_700_000_000L, 123_456_789);
        consumeAll(c, stream(event(8, SDB, Blk.TA_QUEUE, 8, 10, 100)));
        c.finish();
        for (String device : new String[] {"sda", "sdb"}) {
            TraceRecord first = sink.records(device).get(0);
            assertEquals(Blk.VERSION_8, first.version);
            assertEquals(Blk.notifyAction(Blk.TN_TIMESTAMP), first.action);
            assertEquals(90, first.time);
            assertEquals(0, first.pid);
            assertEquals(CPU, first.cpu);
            ByteBuffer pdu = ByteBuffer.wrap(first.pduBytes()).order(ByteOrder.nativeOrder());
            assertEquals(1_700_000_000, pdu.getInt());
            assertEquals(123_456_789, pdu.getInt());
        }
        assertEquals(1, sink.records("sda").size());
    }

    @Test
    void withoutAnyRecordTheTimestampNoteIsVersion7AtTheEnd() throws IOException {
        RecordConverter c = converter(4096);
        c.announceStart(90, 5, 6);
        c.flushAll();
        assertTrue(sink.streams.isEmpty(), "a pending note waits for the first record or the end");
        c.finish();
        TraceRecord note = sink.records("sda").get(0);
        assertEquals(Blk.VERSION_7, note.version);
        assertEquals(Blk.notifyAction(Blk.TN_TIMESTAMP), note.action);
    }

    @Test
    void version8RecordsPassThroughInVersion8() throws IOException {
        RecordConverter c = converter(4096);
        TraceRecord in = event(8, SDA, Blk.TA_QUEUE, 1234, 10, 100);
        in.action = Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_ZONE_APPEND);
        in.setPdu(new byte[] {1, 2, 3});
        consumeAll(c, stream(in));
        c.finish();
        List<TraceRecord> records = sink.records("sda");
        assertEquals(Blk.VERSION_8, records.get(0).version);
        TraceRecord out = records.get(1);
        in.sequence = 1;
        assertArrayEquals(RecordCodec.toBytes(in, ByteOrder.nativeOrder()), RecordCodec.toBytes(out, ByteOrder.nativeOrder()));
    }

    @Test
    void cgroupIdsAreRemovedFromEventsAndMessages() throws IOException {
        RecordConverter c = converter(4096);
        TraceRecord withId = event(7, SDA, Blk.TA_QUEUE, 8, 10, 100);
        withId.action |= Blk.TA_CGROUP;
        withId.setPdu(new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
        consumeAll(c, stream(withId, message(SDA, "note", true)));
        c.finish();
        List<TraceRecord> records = sink.records("sda");
        TraceRecord event = records.get(1);
        assertEquals(Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE), event.action);
        assertEquals(0, event.pduLen);
        TraceRecord msg = records.get(2);
        assertEquals(Blk.notifyAction(Blk.TN_MESSAGE), msg.action);
        assertEquals("note", new String(msg.pduBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void recordsOfUntracedDevicesAreDropped() throws IOException {
        RecordConverter c = converter(4096);
        consumeAll(c, stream(event(7, OTHER, Blk.TA_QUEUE, 8, 10, 100), event(7, SDA, Blk.TA_QUEUE, 8, 10, 101)));
        c.finish();
        assertEquals(1, sink.records("sda").stream().filter(r -> !r.isNotify()).count());
        assertEquals(List.of(), sink.records("sdb"));
    }

    @Test
    void recordsSplitAcrossReadsAreReassembled() throws IOException {
        TraceRecord withPdu = event(7, SDA, Blk.TA_UNPLUG_IO, 0, 10, 101);
        withPdu.setPdu(new byte[] {0, 0, 0, 0, 0, 0, 0, 4});
        ByteBuffer whole = stream(event(7, SDA, Blk.TA_QUEUE, 8, 10, 100), withPdu, message(SDA, "m", false),
            event(7, SDA, Blk.TA_COMPLETE, 8, 0, 102));
        RecordConverter reference = converter(4096);
        consumeAll(reference, whole.duplicate().order(ByteOrder.nativeOrder()));
        reference.finish();
        byte[] expected = sink.streams.get("sda").toByteArray();

        for (int step = 1; step <= 61; step += 6) {
            sink.streams.clear();
            RecordConverter c = converter(4096);
            ByteBuffer in = ByteBuffer.allocate(whole.capacity()).order(ByteOrder.nativeOrder());
            for (int offset = 0; offset < whole.capacity(); offset += step) {
                in.put(whole.array(), offset, Math.min(step, whole.capacity() - offset));
                in.flip();
                c.consume(in);
                in.compact();
            }
            c.finish();
            assertEquals(0, in.position(), "nothing left over");
            assertArrayEquals(expected, sink.streams.get("sda").toByteArray(), "reads of " + step + " bytes");
        }
    }

    @Test
    void bytesThatStartNoRecordAreSkipped() throws IOException {
        RecordConverter c = converter(4096);
        ByteBuffer first = stream(event(7, SDA, Blk.TA_QUEUE, 8, 10, 100));
        ByteBuffer second = stream(event(7, SDA, Blk.TA_COMPLETE, 8, 0, 101));
        byte[] lost = "CPU:1 [LOST 3 EVENTS]\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer data = ByteBuffer.allocate(first.capacity() + lost.length + second.capacity()).order(ByteOrder.nativeOrder());
        data.put(first).put(lost).put(second).flip();
        consumeAll(c, data);
        c.finish();
        List<TraceRecord> events = new ArrayList<>();
        for (TraceRecord r : sink.records("sda")) {
            if (!r.isNotify()) {
                events.add(r);
            }
        }
        assertEquals(2, events.size());
        assertEquals(2, events.get(1).sequence);
    }

    @Test
    void theSinkGetsLargeWritesOfWholeRecords() throws IOException {
        RecordConverter c = converter(4096);
        for (int i = 0; i < 1000; i++) {
            consumeAll(c, stream(event(7, SDA, Blk.TA_QUEUE, i, 10, 100 + i)));
        }
        c.finish();
        List<Integer> sizes = sink.writeSizes;
        for (int i = 0; i < sizes.size() - 1; i++) {
            assertTrue(sizes.get(i) >= 4096, "write " + i + " is only " + sizes.get(i) + " bytes");
        }
        List<TraceRecord> records = sink.records("sda");
        assertEquals(1001, records.size());
        assertEquals(1000, records.get(1000).sequence);
        long total = 0;
        for (int size : sizes) {
            total += size;
        }
        assertEquals(total, c.bytesWritten(0));
    }
}
