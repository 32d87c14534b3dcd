package org.jblktrace.parse.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/**
 * Collects the records of one trace per device and CPU, numbering events per (device, CPU) as
 * the kernel does, and encodes them in one version and byte order when the trace is built, so
 * callers may still adjust a record after adding it.
 */
final class TraceBuilder {
    private final int version;
    private final ByteOrder order;
    private final List<DeviceStreams> devices = new ArrayList<>();

    /** One traced device: its file name prefix, dev_t and per-CPU record lists. */
    private static final class DeviceStreams {
        final String name;
        final int device;
        final List<List<TraceRecord>> cpus = new ArrayList<>();
        final List<Integer> sequences = new ArrayList<>();
        int events;

        DeviceStreams(String name, int device) {
            this.name = name;
            this.device = device;
        }

        List<TraceRecord> cpu(int cpu) {
            while (cpus.size() <= cpu) {
                cpus.add(new ArrayList<>());
                sequences.add(0);
            }
            return cpus.get(cpu);
        }
    }

    TraceBuilder(int version, ByteOrder order) {
        this.version = version;
        this.order = order;
    }

    /** Adds a device; returns its index for the other methods. */
    int device(String name, int major, int minor) {
        devices.add(new DeviceStreams(name, Blk.device(major, minor)));
        return devices.size() - 1;
    }

    /** Makes sure the device has files up to {@code cpu}, even if they stay empty. */
    void touchCpu(int dev, int cpu) {
        devices.get(dev).cpu(cpu);
    }

    /** Number of events (messages included, other notes excluded) added to a device. */
    int eventCount(int dev) {
        return devices.get(dev).events;
    }

    /** Appends an event with the next sequence number of (dev, cpu); returns it for tweaks before {@link #build()}. */
    TraceRecord event(int dev, int cpu, long time, long sector, int bytes, long action, int pid) {
        DeviceStreams d = devices.get(dev);
        d.cpu(cpu);
        int seq = d.sequences.get(cpu) + 1;
        d.sequences.set(cpu, seq);
        TraceRecord r = record(dev, cpu, time, sector, bytes, action, pid);
        r.sequence = seq;
        d.events++;
        return r;
    }

    /** Appends an event with an explicit sequence number (for gaps and huge values). */
    TraceRecord eventWithSequence(int dev, int cpu, int sequence, long time, long sector, int bytes,
                                  long action, int pid) {
        DeviceStreams d = devices.get(dev);
        d.cpu(cpu);
        d.sequences.set(cpu, sequence);
        TraceRecord r = record(dev, cpu, time, sector, bytes, action, pid);
        r.sequence = sequence;
        d.events++;
        return r;
    }

    /** Appends a notify record (sequence 0); messages count as events, other notes do not. */
    TraceRecord note(int dev, int cpu, long time, int notifyCode, int pid, byte[] payload) {
        TraceRecord r = record(dev, cpu, time, 0, 0, Blk.notifyAction(notifyCode), pid);
        r.setPdu(payload);
        if (notifyCode == Blk.TN_MESSAGE) {
            devices.get(dev).events++;
        }
        return r;
    }

    private TraceRecord record(int dev, int cpu, long time, long sector, int bytes, long action, int pid) {
        DeviceStreams d = devices.get(dev);
        TraceRecord r = new TraceRecord();
        r.version = version;
        r.time = time;
        r.sector = sector;
        r.bytes = bytes;
        r.action = action;
        r.pid = pid;
        r.device = d.device;
        r.cpu = cpu;
        r.pduLen = 0;
        d.cpu(cpu).add(r);
        return r;
    }

    /**
     * Encodes everything: one file per (device, CPU) named {@code NAME.blktrace.CPU}, and a pipe
     * stream of whole records. {@code maxChunk == 0} gives a stream merged by time (ties: device,
     * then CPU order), as a collector that drains its buffers often produces; otherwise the
     * stream visits devices in order and their CPUs ascending, forwarding 1 to {@code maxChunk}
     * records per visit regardless of time (coarse relay buffers, spec 1.6).
     */
    TraceFiles build(long pipeSeed, int maxChunk) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (DeviceStreams d : devices) {
            for (int cpu = 0; cpu < d.cpus.size(); cpu++) {
                List<TraceRecord> records = d.cpus.get(cpu);
                files.put(d.name + ".blktrace." + cpu, concat(records, 0, records.size()));
            }
        }
        byte[] pipe = maxChunk == 0 ? timeOrderedStream() : chunkedStream(new Random(pipeSeed), maxChunk);
        return new TraceFiles(files, pipe);
    }

    private List<List<TraceRecord>> allStreams() {
        List<List<TraceRecord>> streams = new ArrayList<>();
        for (DeviceStreams d : devices) {
            streams.addAll(d.cpus);
        }
        return streams;
    }

    private byte[] timeOrderedStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<List<TraceRecord>> streams = allStreams();
        int[] cursor = new int[streams.size()];
        while (true) {
            int best = -1;
            long bestTime = 0;
            for (int s = 0; s < streams.size(); s++) {
                if (cursor[s] < streams.get(s).size()) {
                    long time = streams.get(s).get(cursor[s]).time;
                    if (best < 0 || Long.compareUnsigned(time, bestTime) < 0) {
                        best = s;
                        bestTime = time;
                    }
                }
            }
            if (best < 0) {
                return out.toByteArray();
            }
            out.writeBytes(RecordCodec.toBytes(streams.get(best).get(cursor[best]++), order));
        }
    }

    private byte[] chunkedStream(Random random, int maxChunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<List<TraceRecord>> streams = allStreams();
        int[] cursor = new int[streams.size()];
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int s = 0; s < streams.size(); s++) {
                List<TraceRecord> items = streams.get(s);
                if (cursor[s] < items.size()) {
                    int end = Math.min(items.size(), cursor[s] + 1 + random.nextInt(maxChunk));
                    out.writeBytes(concat(items, cursor[s], end));
                    cursor[s] = end;
                    progress = true;
                }
            }
        }
        return out.toByteArray();
    }

    private byte[] concat(List<TraceRecord> records, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(RecordCodec.toBytes(records.get(i), order));
        }
        return out.toByteArray();
    }

    /** A big-endian u64 payload (unplug depth, split sector). */
    static byte[] bigEndianLong(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    /** A REMAP payload: device_from, device_to, sector_from, always big-endian. */
    static byte[] remapPayload(int deviceFrom, int deviceTo, long sectorFrom) {
        return ByteBuffer.allocate(16).putInt(deviceFrom).putInt(deviceTo).putLong(sectorFrom).array();
    }

    /** A TIMESTAMP payload (seconds, nanoseconds) in the trace's byte order. */
    byte[] timestampPayload(int seconds, int nanoseconds) {
        return ByteBuffer.allocate(8).order(order).putInt(seconds).putInt(nanoseconds).array();
    }

    /** A PROCESS payload: the name NUL-padded (or cut) to {@link Blk#COMM_LEN} bytes. */
    static byte[] commPayload(String name) {
        byte[] comm = new byte[Blk.COMM_LEN];
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, comm, 0, Math.min(b.length, comm.length));
        return comm;
    }
}
