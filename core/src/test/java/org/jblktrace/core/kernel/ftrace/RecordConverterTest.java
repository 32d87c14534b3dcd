package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.jblktrace.core.record.RecordLayout;
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
        return converter(RecordLayout.V7, RecordLayout.V7, flushBytes);
    }

    private RecordConverter converter(RecordLayout entries, RecordLayout output, int flushBytes) {
        TaskNameSource names = (pid, cpu) -> KernelTaskNames.encode("task" + pid);
        return new RecordConverter(CPU, entries, output, new int[] {SDA, SDB}, new String[] {"sda", "sdb"}, names, sink,
            flushBytes);
    }

    private static TraceRecord event(int device, int action, long sector, int pid, long time) {
        TraceRecord r = new TraceRecord();
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

    /** Hands the records to the converter as the kernel's entries of {@code layout}, each at its time. */
    private static void feed(RecordConverter c, RecordLayout layout, TraceRecord... records) throws IOException {
        for (TraceRecord r : records) {
            byte[] entry = RingBufferPages.blkEntry(r, layout);
            ByteBuffer padded = ByteBuffer.allocate((entry.length + 3) & ~3).order(ByteOrder.nativeOrder());
            padded.put(entry);
            c.entry(padded, 0, padded.capacity(), r.time);
        }
    }

    private static void feed(RecordConverter c, TraceRecord... records) throws IOException {
        feed(c, RecordLayout.V7, records);
    }

    private List<TraceRecord> events(String device) {
        List<TraceRecord> events = new ArrayList<>();
        for (TraceRecord r : sink.records(device)) {
            if (!r.isNotify()) {
                events.add(r);
            }
        }
        return events;
    }

    @Test
    void eventsAreNumberedFromOnePerDeviceAndNotesTakeNoNumber() throws IOException {
        RecordConverter c = converter(4096);
        feed(c, event(SDA, Blk.TA_QUEUE, 8, 10, 100), event(SDB, Blk.TA_QUEUE, 16, 10, 101),
            message(SDA, "hello", false), event(SDA, Blk.TA_COMPLETE, 8, 0, 102), event(SDB, Blk.TA_COMPLETE, 16, 0, 103));
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
        assertEquals(List.of(1, 2), events("sdb").stream().map(r -> r.sequence).toList());
        assertEquals(2, c.events(0));
        assertEquals(2, c.events(1));
    }

    @Test
    void theEntryBecomesTheRelayPathsRecordWithTheRingBuffersTime() throws IOException {
        RecordConverter c = converter(4096);
        TraceRecord in = event(SDA, Blk.TA_UNPLUG_IO, 0, 10, 123_456_789);
        in.setPdu(new byte[] {0, 0, 0, 0, 0, 0, 0, 4});
        in.error = 5;
        feed(c, in);
        c.finish();
        TraceRecord out = events("sda").get(0);
        in.sequence = 1;
        in.version = 7;
        assertArrayEquals(RecordCodec.toBytes(in, ByteOrder.nativeOrder()), RecordCodec.toBytes(out, ByteOrder.nativeOrder()));
    }

    @Test
    void aProcessNoteComesBeforeEachTasksFirstEventOnly() throws IOException {
        RecordConverter c = converter(4096);
        feed(c, event(SDA, Blk.TA_QUEUE, 8, 10, 100), event(SDA, Blk.TA_GETRQ, 8, 10, 101),
            event(SDA, Blk.TA_COMPLETE, 8, 22, 102));
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
    void theTimestampNoteLeadsEveryDeviceStreamInTheVersionMade() throws IOException {
        for (RecordLayout output : RecordLayout.values()) {
            sink.streams.clear();
            RecordConverter c = converter(RecordLayout.V8, output, 4096);
            c.announceStart(90, 1_700_000_000L, 123_456_789);
            feed(c, RecordLayout.V8, event(SDB, Blk.TA_QUEUE, 8, 10, 100));
            c.finish();
            for (String device : new String[] {"sda", "sdb"}) {
                TraceRecord first = sink.records(device).get(0);
                assertEquals(output.version, first.version);
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
    }

    @Test
    void version8EntriesMakeVersion8RecordsWithTheirZoneCategories() throws IOException {
        RecordConverter c = converter(RecordLayout.V8, RecordLayout.V8, 4096);
        TraceRecord in = event(SDA, Blk.TA_COMPLETE, 1234, 10, 100);
        in.action = Blk.action(Blk.TA_COMPLETE, Blk.TC_COMPLETE | Blk.TC_WRITE | Blk.TC_ZONE_APPEND);
        in.setPdu(new byte[] {1, 2, 3});
        feed(c, RecordLayout.V8, in);
        c.finish();
        List<TraceRecord> records = sink.records("sda");
        assertEquals(Blk.VERSION_8, records.get(0).version);
        TraceRecord out = records.get(1);
        in.sequence = 1;
        in.version = 8;
        assertArrayEquals(RecordCodec.toBytes(in, ByteOrder.nativeOrder()), RecordCodec.toBytes(out, ByteOrder.nativeOrder()));
    }

    @Test
    void version7RecordsOfVersion8EntriesLeaveOutWhatVersion7CannotCarry() throws IOException {
        RecordConverter c = converter(RecordLayout.V8, RecordLayout.V7, 4096);
        TraceRecord append = event(SDA, Blk.TA_COMPLETE, 8, 10, 100);
        append.action = Blk.action(Blk.TA_COMPLETE, Blk.TC_COMPLETE | Blk.TC_WRITE | Blk.TC_ZONE_APPEND);
        TraceRecord zeroes = event(SDA, Blk.TA_QUEUE, 16, 10, 101);
        zeroes.action = Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE | Blk.TC_WRITE_ZEROES);
        TraceRecord plug = event(SDA, Blk.TA_ZONE_PLUG, 24, 10, 102);
        TraceRecord write = event(SDA, Blk.TA_QUEUE, 32, 10, 103);
        // Unlike the kernel's own version 7 traces (6.19 on), FUA writes are kept: they fit.
        TraceRecord fua = event(SDA, Blk.TA_QUEUE, 40, 10, 104);
        fua.action = Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE | Blk.TC_FUA);
        feed(c, RecordLayout.V8, append, zeroes, plug, write, fua);
        c.finish();
        List<TraceRecord> events = events("sda");
        assertEquals(List.of(32L, 40L), events.stream().map(r -> r.sector).toList());
        assertEquals(Blk.VERSION_7, events.get(0).version);
        assertEquals(List.of(1, 2), events.stream().map(r -> r.sequence).toList());
        assertEquals(3, c.leftOut());
    }

    @Test
    void version8RecordsOfVersion7EntriesWidenTheAction() throws IOException {
        RecordConverter c = converter(RecordLayout.V7, RecordLayout.V8, 4096);
        feed(c, event(SDA, Blk.TA_QUEUE, 8, 10, 100));
        c.finish();
        TraceRecord out = events("sda").get(0);
        assertEquals(Blk.VERSION_8, out.version);
        assertEquals(Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE), out.action);
        assertEquals(10, out.pid);
    }

    @Test
    void cgroupIdsAreRemovedFromEventsAndMessages() throws IOException {
        RecordConverter c = converter(4096);
        TraceRecord withId = event(SDA, Blk.TA_QUEUE, 8, 10, 100);
        withId.action |= Blk.TA_CGROUP;
        withId.setPdu(new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
        feed(c, withId, message(SDA, "note", true));
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
    void otherTracersEntriesArePassedOverOnceTheBlkTypeIsKnown() throws IOException {
        RecordConverter c = converter(4096);
        ByteBuffer marker = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder()).putShort(0, (short) 5);
        c.entry(marker, 0, 24, 99);
        feed(c, event(SDA, Blk.TA_QUEUE, 8, 10, 100));
        c.entry(marker, 0, 24, 101);
        c.finish();
        assertEquals(1, events("sda").size());
        assertNull(c.recordProblem());
    }

    @Test
    void entriesOfNoTracedDeviceOrAnotherLayoutAreAProblem() throws IOException {
        RecordConverter c = converter(4096);
        feed(c, event(SDA, Blk.TA_QUEUE, 8, 10, 100), event(OTHER, Blk.TA_QUEUE, 8, 10, 101));
        c.finish();
        assertEquals(1, events("sda").size());
        assertEquals("1 blk entries of no traced device or of another layout (the first: type 14, 48 bytes, device 7,3, "
            + "pdu_len 0)", c.recordProblem());

        // Version 8 entries read as version 7: the device field holds the action's upper half.
        RecordConverter misread = converter(RecordLayout.V7, RecordLayout.V7, 4096);
        feed(misread, RecordLayout.V8, event(SDA, Blk.TA_QUEUE, 8, 10, 100), event(SDA, Blk.TA_COMPLETE, 8, 10, 101));
        misread.finish();
        assertEquals("2 ring-buffer entries, none of them a blk entry of a traced device (the first: type 14, 64 bytes, "
            + "device 0,0, pdu_len 0)", misread.recordProblem());
        assertEquals(0, misread.events(0));
    }

    @Test
    void theSinkGetsLargeWritesOfWholeRecords() throws IOException {
        RecordConverter c = converter(4096);
        for (int i = 0; i < 1000; i++) {
            feed(c, event(SDA, Blk.TA_QUEUE, i, 10, 100 + i));
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
