package org.jblktrace.core.btt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.btt.LatencyHistograms.Kind;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.parse.TraceStream;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/**
 * btt after option parsing: reads a {@code blkparse -d} dump (or merges a trace itself with
 * --trace), follows each request from queue to completion and writes btt 2.09's report and
 * side files, byte for byte as Debian 12's (--compat=1.2) or Debian 13's btt does.
 */
public final class Btt {
    /** Histogram buckets of Q and D sizes: 1..1024 blocks, then one for more. */
    static final int SIZE_BUCKETS = 1025;
    private static final long NOTIFY_BIT = (long) Blk.TC_NOTIFY << Blk.TC_SHIFT;
    private static final long PC_BIT = (long) Blk.TC_PC << Blk.TC_SHIFT;
    private static final long PROCESS_ACTION = Blk.notifyAction(Blk.TN_PROCESS);
    private static final long MESSAGE_ACTION = Blk.notifyAction(Blk.TN_MESSAGE);
    private static final int READ_BUFFER = 1 << 20;

    final BttOptions options;
    final BttContext context;
    final boolean release13;
    final ProcessTable processes;
    final IntTable<Device> devicesByNumber = new IntTable<>();
    final List<Device> devices = new ArrayList<>();
    final Avgs all = new Avgs();
    final Regions allRegions = new Regions();
    final long[] queueSizes = new long[SIZE_BUCKETS];
    final long[] issueSizes = new long[SIZE_BUCKETS];
    final ActivePeriods systemActive = new ActivePeriods();
    final LatencyHistograms allHistograms;
    final Iostat iostat;
    private final Ranges.Delta rangeDelta;
    private final Outputs outputs;
    private final ArrayDeque<Io> spareIos = new ArrayDeque<>();
    /** The requests a D or C covers; indexed, since an iterator per event is garbage the heap grows with. */
    private final List<Io> found = new ArrayList<>();
    private final StringBuilder line = new StringBuilder(256);

    RateFiles systemRates;
    CStream stdout;
    CStream averagesOut;
    CStream rangesOut;
    CStream messagesOut;
    CStream easyOut;
    CStream perIoOut;
    long lastQueue = -1L;
    long traces;
    /** The last event's time (u64 ns); converted to seconds only at the end, not per event. */
    long lastTime;
    private boolean done;
    private long inputSize;
    private long inputConsumed;
    private long lastProgressSecond;
    private volatile boolean stopped;
    private volatile RecordSource source;
    private List<Device> selected;
    private Device lastDevice;

    public Btt(BttOptions options, BttContext context) {
        this.options = options;
        this.context = context;
        this.release13 = options.compat != Compat.V1_2;
        boolean histograms = options.percentiles || options.json != null;
        this.processes = new ProcessTable(histograms);
        this.allHistograms = histograms ? new LatencyHistograms() : null;
        this.outputs = new Outputs(context);
        this.iostat = new Iostat(this);
        this.rangeDelta = new Ranges.Delta(options.rangeDelta);
    }

    /**
     * Thread-safe (signal handlers): reading stops and the report is still written. With
     * --trace the merge stops and what it had merged is still analysed.
     */
    public void stop() {
        RecordSource s = source;
        if (s instanceof MergedTrace merged) {
            merged.stop();
        } else {
            stopped = true;
        }
    }

    /** Runs to completion and returns the exit status; bad input gives a message, never an exception. */
    public int run() {
        stdout = CStream.of("stdout", context.stdout, 64 * 1024);
        try {
            return runChecked();
        } catch (BttExit e) {
            if (e.getMessage() != null) {
                stdout.flushBuffer();
                context.stderr.println(e.getMessage());
            }
            stdout.close();
            return e.status;
        } finally {
            context.stderr.flush();
        }
    }

    private int runChecked() {
        source = RecordSource.open(this);
        if (source.isEmpty()) {
            // btt quietly exits 0 for a dump too short to hold a record; say why there is no report.
            context.stderr.println(context.program + ": " + source.name() + ": no trace records, nothing to analyse");
            return 0;
        }
        openStandardOutputs();
        if (!openSystemRates()) {
            return 1;
        }
        int status = process(source);
        Report report = new Report(this);
        report.averages(averagesOut);
        report.ranges(rangesOut);
        if (options.percentiles) {
            report.percentiles(averagesOut);
        }
        if (iostat.out != null) {
            iostat.out.print("\n");
            iostat.dump(iostat.lastStamp, true);
        }
        if (options.json != null) {
            status = Math.max(status, new JsonReport(this, report).write());
        }
        finish();
        return Math.max(status, outputs.failures(context, stdout));
    }

    /** -o's .dat, .avg, .msg (and -X's .xvg) files, -I and -p, in btt's order. */
    private void openStandardOutputs() {
        if (options.output == null) {
            rangesOut = stdout;
            averagesOut = stdout;
            messagesOut = stdout;
            options.easyParse = false;
        } else {
            rangesOut = openStandard("dat", "range data");
            averagesOut = openStandard("avg", "stats data");
            messagesOut = openStandard("msg", "K messages");
            if (options.easyParse) {
                easyOut = openStandard("xvg", "EZ stats data");
            }
        }
        iostat.out = openRequired(options.iostat);
        perIoOut = openRequired(options.perIoDump);
        iostat.start();
    }

    private CStream openStandard(String suffix, String what) {
        String name = options.output + "." + suffix;
        CStream s = outputs.open(name, CStream.FILE_BUFFER, false);
        if (s == null) {
            throw new BttExit(null, 1);
        }
        if (options.verbose) {
            stdout.print("Sending " + what + " to " + name + "\n");
        }
        return s;
    }

    private CStream openRequired(String name) {
        if (name == null) {
            return null;
        }
        CStream s = outputs.open(name, 64 * 1024, true);
        if (s == null) {
            throw new BttExit(null, 1);
        }
        return s;
    }

    private boolean openSystemRates() {
        CStream iops = outputs.openQuietly("sys_iops_fp.dat");
        CStream mbps = iops == null ? null : outputs.openQuietly("sys_mbps_fp.dat");
        if (mbps == null) {
            return false;
        }
        systemRates = new RateFiles(iops, mbps);
        return true;
    }

    CStream openPerDevice(String name) {
        return outputs.open(name, CStream.FILE_BUFFER, true);
    }

    /** A side file btt keeps even when empty. */
    CStream openUnregistered(String name) {
        return outputs.open(name, CStream.FILE_BUFFER, false);
    }

    void writeWhole(String name, String content) {
        outputs.writeWhole(name, content);
    }

    /**
     * The devices the report covers: every device in the order btt first saw them, or -D's list
     * in its order (repeats included). A listed device the trace does not have would crash C
     * btt; here it is reported once and left out.
     */
    List<Device> selectedDevices() {
        if (options.devices == null) {
            return devices;
        }
        if (selected == null) {
            selected = new ArrayList<>();
            for (int dev : DeviceList.parse(options.devices)) {
                Device d = devicesByNumber.get(dev);
                if (d != null) {
                    selected.add(d);
                } else {
                    context.stderr.println(context.program + ": -D: no device " + Blk.major(dev) + "," + Blk.minor(dev)
                            + " in the trace, left out");
                }
            }
        }
        return selected;
    }

    private int process(RecordSource source) {
        TraceRecord r = new TraceRecord();
        long started = System.nanoTime();
        lastProgressSecond = System.currentTimeMillis() / 1000;
        inputSize = source.size();
        int status = 0;
        while (!done && !stopped) {
            RecordSource.Result result = source.next(r);
            if (result != RecordSource.Result.RECORD) {
                status = result == RecordSource.Result.PROBLEM ? 1 : 0;
                break;
            }
            inputConsumed = source.consumed();
            add(source.current(r));
        }
        status = Math.max(status, source.finish());
        if (options.verbose) {
            double seconds = (System.nanoTime() - started) / 1e9;
            double tps = traces / seconds;
            line.setLength(0);
            line.append('\r').append(" ".repeat(80)).append('\r');
            CFormat.unsigned(line, traces, 10);
            line.append(" traces @ ");
            CFormat.fixed(line, tps / 1000.0, 1);
            line.append(" Ktps in ");
            CFormat.fixed(line, seconds, 6);
            line.append(" seconds\n");
            stdout.print(line);
        }
        return status;
    }

    /** add_trace: notes, then the time window, then the event. */
    private void add(TraceRecord r) {
        if ((r.action & NOTIFY_BIT) != 0) {
            if (r.action == PROCESS_ACTION) {
                if (r.pid == 0) {
                    processes.add(0, "kernel");
                } else {
                    String name = cString(r.pdu, r.pduLen);
                    int slash = name.indexOf('/');
                    processes.add(r.pid, slash >= 0 ? name.substring(0, slash) : name);
                }
            } else if (r.action == MESSAGE_ACTION) {
                message(r);
            }
            return;
        }
        if ((r.action & PC_BIT) != 0) {
            return;
        }
        if (options.timeBounded) {
            double t = CFormat.bitTime(r.time);
            if (t < options.timeStart) {
                return;
            } else if (t > options.timeEnd) {
                done = true;
                return;
            }
        }
        event(r);
    }

    private static String cString(byte[] pdu, int length) {
        int end = 0;
        while (end < length && pdu[end] != 0) {
            end++;
        }
        return new String(pdu, 0, end, StandardCharsets.ISO_8859_1);
    }

    private void event(TraceRecord r) {
        lastTime = r.time;
        traces++;
        iostat.checkTime(r.time);
        if (options.verbose) {
            progress();
        }
        switch (r.code()) {
            case Blk.TA_QUEUE -> queue(r);
            case Blk.TA_REMAP -> remap(r);
            case Blk.TA_INSERT -> insert(r);
            case Blk.TA_GETRQ -> getRequest(r);
            case Blk.TA_BACKMERGE, Blk.TA_FRONTMERGE -> merge(r);
            case Blk.TA_REQUEUE -> requeue(r);
            case Blk.TA_ISSUE -> issue(r);
            case Blk.TA_COMPLETE -> complete(r);
            case Blk.TA_PLUG -> plug(r);
            case Blk.TA_UNPLUG_IO -> unplug(r, false);
            case Blk.TA_UNPLUG_TIMER -> unplug(r, true);
            case Blk.TA_SLEEPRQ -> sleep(r);
            default -> {
                // Other actions (bounce, split, abort, driver data, zone actions) carry no latency.
            }
        }
    }

    private void progress() {
        long now = System.currentTimeMillis() / 1000;
        if (now - lastProgressSecond > 0) {
            line.setLength(0);
            CFormat.unsigned(line, traces, 10);
            line.append(" t (");
            CFormat.fixed(line, inputSize > 0 ? 100.0 * ((double) inputConsumed / (double) inputSize) : 0.0, 6, 2);
            line.append("%)\r");
            if (traces % 1_000_000 == 0) {
                line.append('\n');
            }
            stdout.print(line);
            stdout.flushBuffer();
            lastProgressSecond = now;
        }
    }

    // ---- devices and processes -------------------------------------------------------------

    /** dip_alloc's lookup and creation (which opens the device's side files). */
    private Device device(int dev, long time) {
        Device d = lastDevice;
        if (d != null && d.dev == dev) {
            return d;
        }
        d = devicesByNumber.get(dev);
        if (d == null) {
            d = new Device(dev, options.deviceMap.find(dev), release13);
            d.startTime = CFormat.bitTime(time);
            DeviceFiles.open(this, d);
            devicesByNumber.putIfAbsent(dev, d);
            devices.add(d);
        }
        lastDevice = d;
        return d;
    }

    /**
     * io_setup for an event btt does not keep: its device, or null while the device has not
     * yet had a Q (or remap), when btt ignores the event. The pid gets its process entry.
     */
    private Device setup(TraceRecord r, boolean endsCulling) {
        Device d = device(r.device, r.time);
        if (d.preCulling) {
            if (!endsCulling) {
                return null;
            }
            d.preCulling = false;
        }
        d.endNanos = r.time;
        processes.find(r.pid, null);
        return d;
    }

    private static long tdelta(long from, long to) {
        return Long.compareUnsigned(from, to) < 0 ? to - from : 1;
    }

    private static int sizeBucket(int bytes) {
        long index = ((bytes & 0xFFFFFFFFL) >>> 9) - 1;
        return (int) Math.min(index, SIZE_BUCKETS - 1);
    }

    // ---- the events --------------------------------------------------------------------------

    private void queue(TraceRecord r) {
        if (r.bytes == 0) {
            return;
        }
        Device d = device(r.device, r.time);
        d.preCulling = false;
        Io io = spareIos.isEmpty() ? new Io() : spareIos.pop();
        io.device = d;
        io.time = r.time;
        io.sector = r.sector;
        io.bytes = r.bytes;
        io.action = r.action;
        io.pid = r.pid;
        io.sTime = 0;
        d.queue.insert(io);
        d.endNanos = r.time;
        io.process = processes.find(r.pid, null);
        d.q2qSeeks.add(io.time, io.start(), io.end(), io.isRead());
        allRegions.queued.update(io.time, rangeDelta);
        if (d.isRemapper()) {
            lastQueue(d, d.avgs.q2qDm, io.time);
        } else {
            lastQueue(d, d.avgs.q2q, io.time);
        }
        d.regions.queued.update(io.time, rangeDelta);
        ProcessInfo p = io.process;
        if (p != null) {
            long last = p.lastQueue;
            if (last != -1L) {
                (d.isRemapper() ? p.avgs.q2qDm : p.avgs.q2q).add(Long.compareUnsigned(io.time, last) > 0 ? io.time - last : 1);
            }
            p.lastQueue = io.time;
            p.regions.queued.update(io.time, rangeDelta);
        }
        if (Device.isRemapper(r.device)) {
            if (lastQueue != -1L) {
                all.q2qDm.add(Long.compareUnsigned(io.time, lastQueue) > 0 ? io.time - lastQueue : 1);
            }
        } else {
            addSize(queueSizes, r.bytes);
            if (lastQueue != -1L) {
                all.q2q.add(Long.compareUnsigned(io.time, lastQueue) > 0 ? io.time - lastQueue : 1);
            }
        }
        lastQueue = io.time;
        io.iTime = Io.UNSET;
        io.gTime = Io.UNSET;
        io.cTime = Io.UNSET;
        io.mTime = Io.UNSET;
        io.dTime = Io.UNSET;
        d.queues++;
        d.activeTotal += d.activeAtQueue;
        d.activeAtQueue++;
    }

    private static void lastQueue(Device d, Avg avg, long time) {
        if (d.lastQueue != -1L) {
            avg.add(Long.compareUnsigned(time, d.lastQueue) > 0 ? time - d.lastQueue : 1);
        }
        d.lastQueue = time;
    }

    /**
     * A size histogram bucket; a request under one block indexes one before the table in btt,
     * which lands on the last bucket of the other table in Debian's builds (checked against
     * both references).
     */
    private void addSize(long[] table, int bytes) {
        int index = sizeBucket(bytes);
        if (index >= 0) {
            table[index]++;
        } else {
            (table == queueSizes ? issueSizes : queueSizes)[SIZE_BUCKETS - 1]++;
        }
    }

    /** Adds a latency ({@code stat}: Avgs.Q2G...) to all devices, the request's device and its process. */
    private void update(Io io, int stat, long value) {
        all.latencies[stat].add(value);
        io.device.avgs.latencies[stat].add(value);
        if (io.process != null) {
            io.process.avgs.latencies[stat].add(value);
        }
    }

    private void record(Io io, Kind kind, long nanos) {
        if (allHistograms != null) {
            allHistograms.record(kind, nanos);
            io.device.histograms.record(kind, nanos);
            if (io.process != null) {
                io.process.histograms.record(kind, nanos);
            }
        }
    }

    private void remap(TraceRecord r) {
        if (options.noRemaps) {
            return;
        }
        int from = RecordCodec.payloadBigEndianInt(r, 0);
        long fromSector = RecordCodec.payloadBigEndianLong(r, 8);
        if (setup(r, true) == null) {
            return;
        }
        Device q = devicesByNumber.get(from);
        if (q == null) {
            return;
        }
        Io io = q.queue.find(fromSector);
        if (io != null) {
            long delta = tdelta(io.time, r.time);
            update(io, io.device.isRemapper() ? Avgs.Q2A_DM : Avgs.Q2A, delta);
        }
    }

    private void getRequest(TraceRecord r) {
        if (r.bytes == 0) {
            return;
        }
        Device d = setup(r, false);
        if (d == null) {
            return;
        }
        iostat.queueSizeChange(d, CFormat.toSeconds(r.time), +1);
        Io io = d.queue.find(r.sector);
        if (io != null) {
            io.gTime = r.time;
            update(io, Avgs.Q2G, tdelta(io.time, r.time));
            if (io.sTime != 0) {
                update(io, Avgs.S2G, tdelta(io.sTime, r.time));
            }
        }
    }

    private void sleep(TraceRecord r) {
        if (r.bytes == 0) {
            return;
        }
        Device d = setup(r, false);
        if (d == null) {
            return;
        }
        Io io = d.queue.find(r.sector);
        if (io != null) {
            io.sTime = r.time;
        }
    }

    private void insert(TraceRecord r) {
        if (r.bytes == 0) {
            return;
        }
        Device d = setup(r, false);
        if (d == null) {
            return;
        }
        Io io = d.queue.find(r.sector);
        if (io != null) {
            io.iTime = r.time;
            if (io.gTime != Io.UNSET) {
                update(io, Avgs.G2I, tdelta(io.gTime, r.time));
            }
        }
    }

    private void merge(TraceRecord r) {
        if (r.bytes == 0) {
            return;
        }
        Device d = setup(r, false);
        if (d == null) {
            return;
        }
        int rw = (r.action & Io.READ_BIT) != 0 ? 1 : 0;
        d.interval.merges[rw]++;
        d.whole.merges[rw]++;
        Io io = d.queue.find(r.sector);
        if (io != null) {
            io.mTime = r.time;
            update(io, Avgs.Q2M, tdelta(io.time, r.time));
        }
        if (d.activeAtQueue != 0) {
            d.activeAtQueue--;
        }
    }

    private void requeue(TraceRecord r) {
        Device d = setup(r, false);
        if (d == null) {
            return;
        }
        d.queues++;
        d.activeTotal += d.activeAtQueue;
        d.activeAtQueue++;
    }

    private void issue(TraceRecord r) {
        if (r.bytes == 0) {
            return;
        }
        Device d = setup(r, false);
        if (d == null) {
            return;
        }
        if (d.activeAtQueue != 0) {
            d.activeAtQueue--;
        }
        long start = r.sector;
        long end = r.sector + ((r.bytes & 0xFFFFFFFFL) >>> 9);
        boolean read = (r.action & Io.READ_BIT) != 0;
        d.d2dSeeks.add(r.time, start, end, read);
        if (d.blockNumbers != null) {
            d.blockNumbers.add(r.time, start, end, read);
        }
        iostat.issue(d, r, read ? 1 : 0);
        d.issues++;
        if (!Device.isRemapper(r.device)) {
            addSize(issueSizes, r.bytes);
        }
        if (d.queueDepth != null) {
            d.queueDepth.issue(CFormat.bitTime(r.time));
        }
        found.clear();
        d.queue.inside(start, end, found);
        for (int i = 0, n = found.size(); i < n; i++) {
            Io io = found.get(i);
            if (io.iTime != Io.UNSET) {
                long i2d = tdelta(io.iTime, r.time);
                update(io, Avgs.I2D, i2d);
                record(io, Kind.I2D, i2d);
            } else if (io.mTime != Io.UNSET) {
                update(io, Avgs.M2D, tdelta(io.mTime, r.time));
            }
            io.dTime = r.time;
            io.dSector = r.sector;
            io.dSectors = r.bytes >>> 9;
            long q2d = r.time - io.time;
            if (io.device.q2dHistogram != null) {
                io.device.q2dHistogram.add(q2d);
            }
            record(io, Kind.Q2D, q2d);
            latency(io.device.q2dPeriodic, io.device.q2dLatencies, r.time, q2d);
        }
    }

    private void latency(PeriodicLatency periodic, CStream file, long stamp, long latency) {
        if (periodic != null) {
            periodic.add(stamp, latency);
        }
        if (file != null) {
            line.setLength(0);
            CFormat.fixed(line, CFormat.toSeconds(stamp), 6);
            line.append(' ');
            CFormat.fixed(line, CFormat.toSeconds(latency), 6);
            line.append('\n');
            file.print(line);
        }
    }

    private void complete(TraceRecord r) {
        if (r.bytes == 0) {
            return;
        }
        Device d = setup(r, false);
        if (d == null) {
            return;
        }
        ProcessInfo completer = processes.find(r.pid, null);
        long dTime = Io.UNSET;
        double now = CFormat.bitTime(r.time);
        long blocks = (r.bytes & 0xFFFFFFFFL) >>> 9;
        all.blks.add(blocks);
        d.avgs.blks.add(blocks);
        if (completer != null) {
            completer.avgs.blks.add(blocks);
        }
        allRegions.completed.update(r.time, rangeDelta);
        d.regions.completed.update(r.time, rangeDelta);
        if (completer != null) {
            completer.regions.completed.update(r.time, rangeDelta);
        }
        if (d.queueDepth != null) {
            d.queueDepth.complete(now);
        }
        if (d.rates != null) {
            d.rates.add(now, blocks);
        }
        systemRates.add(now, blocks);
        found.clear();
        d.queue.inside(r.sector, r.sector + blocks, found);
        for (int i = 0, n = found.size(); i < n; i++) {
            Io io = found.get(i);
            long q2c = tdelta(io.time, r.time);
            update(io, io.device.isRemapper() ? Avgs.Q2C_DM : Avgs.Q2C, q2c);
            record(io, Kind.Q2C, q2c);
            latency(io.device.q2cPeriodic, io.device.q2cLatencies, io.time, q2c);
            if (io.dTime != Io.UNSET) {
                long d2c = tdelta(io.dTime, r.time);
                io.device.active.add(io.dTime, r.time);
                systemActive.add(io.dTime, r.time);
                update(io, Avgs.D2C, d2c);
                record(io, Kind.D2C, d2c);
                latency(io.device.d2cPeriodic, io.device.d2cLatencies, r.time, d2c);
                iostat.complete(io, d, r.time);
                dTime = io.dTime;
            }
            if (perIoOut != null) {
                io.cTime = r.time;
                io.cSector = r.sector;
                io.cSectors = r.bytes >>> 9;
                PerIoDump.track(perIoOut, io, line);
            }
            if (io.device.perIoTree != null) {
                line.setLength(0);
                CFormat.secondsDotNanos(line, io.time, 0);
                line.append(' ');
                d.perIoTree.print(line);
            }
            io.device.queue.remove(io);
            io.process = null;
            io.device = null;
            spareIos.push(io);
        }
        if (perIoOut != null) {
            perIoOut.print("-----------------------------------------\n");
        }
        if (d.perIoTree != null) {
            line.setLength(0);
            line.append("| ");
            CFormat.secondsDotNanos(line, dTime, 0);
            line.append(" | ");
            CFormat.secondsDotNanos(line, r.time, 0);
            line.append('\n');
            d.perIoTree.print(line);
        }
    }

    private void plug(TraceRecord r) {
        Device d = devicesByNumber.get(r.device);
        if (d != null && !d.plugged) {
            d.plugged = true;
            d.lastPlug = CFormat.bitTime(r.time);
        }
    }

    private void unplug(TraceRecord r, boolean timer) {
        Device d = devicesByNumber.get(r.device);
        long released = RecordCodec.payloadBigEndianLong(r, 0);
        if (!timer && d != null && d.unplugs != null) {
            d.unplugs.add(released);
        }
        if (d != null && d.plugged) {
            if (timer) {
                d.timerUnpluggedIos += released;
                d.timerPlugs++;
            } else {
                d.plugs++;
                d.unpluggedIos += released;
            }
            d.unplug(CFormat.bitTime(r.time));
        }
    }

    private void message(TraceRecord r) {
        Device d = setup(r, false);
        if (d == null) {
            return;
        }
        line.setLength(0);
        line.append(d.header(15)).append(' ');
        CFormat.secondsDotNanos(line, r.time, 5);
        line.append(' ').append(cString(r.pdu, r.pduLen)).append('\n');
        messagesOut.print(line);
    }

    // ---- the end -----------------------------------------------------------------------------

    /** btt's exit sequence: the standard files close, devices finish their side files, then the rest. */
    private void finish() {
        if (messagesOut != stdout) {
            messagesOut.close();
        }
        if (rangesOut != stdout) {
            rangesOut.close();
        }
        if (averagesOut != stdout) {
            averagesOut.close();
        }
        if (easyOut != null) {
            easyOut.close();
        }
        List<Device> unused = new ArrayList<>();
        List<Device> used = new ArrayList<>();
        for (Device d : devices) {
            (d.queues == 0 && d.issues == 0 ? unused : used).add(d);
        }
        for (Device d : unused) {
            DeviceFiles.finish(this, d);
        }
        for (Device d : used) {
            DeviceFiles.finish(this, d);
        }
        systemRates.emit(CFormat.bitTime(lastTime));
        outputs.closeAll();
        stdout.close();
    }

    /** A name given on the command line, resolved against the working directory. */
    Path resolve(String name) {
        return context.resolve(name);
    }

    /** Where the dump comes from: a file (-i), or the merge of a trace (--trace). */
    abstract static class RecordSource {
        enum Result { RECORD, END, PROBLEM }

        /** Reads the next record, into {@code r} unless the source keeps its own (see {@link #current}). */
        abstract Result next(TraceRecord r);

        /** The record the last {@link #next} read: {@code r}, or the source's own. */
        TraceRecord current(TraceRecord r) {
            return r;
        }

        abstract String name();

        abstract boolean isEmpty();

        abstract long size();

        abstract long consumed();

        /** After the last record: the status the source ends with (the merge's, for --trace). */
        abstract int finish();

        static RecordSource open(Btt btt) {
            if (!btt.options.traces.isEmpty()) {
                return new MergedTrace(btt);
            }
            return DumpFile.open(btt);
        }
    }

    /** Reads records, stopping with one message at the first that is not a blkparse -d record. */
    abstract static class StreamSource extends RecordSource {
        final Btt btt;
        final String name;
        TraceStream stream;

        StreamSource(Btt btt, String name) {
            this.btt = btt;
            this.name = name;
        }

        @Override
        String name() {
            return name;
        }

        /** Bytes of the records handed out so far (the reading may be ahead). */
        private long position;

        @Override
        long consumed() {
            return position;
        }

        @Override
        Result next(TraceRecord r) {
            return interpret(stream.next(r), r);
        }

        final Result interpret(TraceStream.Status status, TraceRecord r) {
            switch (status) {
                case RECORD:
                    position += r.encodedSize();
                    if (r.version == Blk.VERSION_8 && !btt.options.compat.acceptsVersion8()) {
                        return problem("version 8 record at offset " + (position - r.encodedSize())
                                + ": btt " + btt.options.compat.release
                                + " reads version 7 only (leave out --compat to read version 8)");
                    }
                    return Result.RECORD;
                case END:
                    if (stream.leftoverBytes() > 0) {
                        btt.context.stderr.println(btt.context.program + ": " + name + ": truncated record at offset "
                                + stream.consumed() + " (" + stream.leftoverBytes() + " bytes) ignored");
                    }
                    return Result.END;
                case UNKNOWN_ORDER:
                case BAD_MAGIC:
                    return problem("no blktrace record at offset " + stream.problemOffset()
                            + " (bad magic 0x" + Integer.toHexString(stream.badValue())
                            + "): not a blkparse -d dump, or a corrupt one");
                case BAD_VERSION:
                    return problem("unsupported trace version " + stream.badValue() + " at offset "
                            + stream.problemOffset());
                default:
                    return problem("read error: " + stream.error());
            }
        }

        private Result problem(String what) {
            btt.context.stderr.println(btt.context.program + ": " + name + ": " + what
                    + "; the report covers the records before it");
            return Result.PROBLEM;
        }
    }

    /** -i: a dump file. */
    static final class DumpFile extends StreamSource {
        private final long size;
        private Prefetcher prefetcher;
        private TraceRecord current;

        private DumpFile(Btt btt, String name, long size) {
            super(btt, name);
            this.size = size;
        }

        static DumpFile open(Btt btt) {
            String name = btt.options.input;
            Path path = btt.resolve(name);
            long size;
            InputStream in;
            try {
                if (Files.isDirectory(path)) {
                    throw new java.nio.file.FileSystemException(name, null, "Is a directory");
                }
                in = Files.newInputStream(path);
                size = Files.size(path);
            } catch (NoSuchFileException e) {
                throw new BttExit(name + ": No such file or directory", 1);
            } catch (IOException e) {
                throw new BttExit(name + ": " + Errno.text(e), 1);
            }
            DumpFile f = new DumpFile(btt, name, size);
            f.stream = new TraceStream(in, READ_BUFFER);
            return f;
        }

        @Override
        Result next(TraceRecord r) {
            if (prefetcher == null) {
                prefetcher = new Prefetcher(stream);
            }
            current = prefetcher.next();
            return current != null ? interpret(TraceStream.Status.RECORD, current) : interpret(prefetcher.end, r);
        }

        @Override
        TraceRecord current(TraceRecord r) {
            return current != null ? current : r;
        }

        @Override
        boolean isEmpty() {
            return size < Blk.HEADER_V7;
        }

        @Override
        long size() {
            return size;
        }

        @Override
        int finish() {
            if (prefetcher != null) {
                prefetcher.close();
            }
            try {
                stream.close();
            } catch (IOException e) {
                // Everything was read.
            }
            return 0;
        }
    }

    /**
     * --trace: blkparse's merge of NAME.blktrace.N (or of a blktrace stream on stdin) runs in a
     * thread and hands its binary dump over a bounded pipe, exactly the records
     * {@code blkparse -i NAME -d FILE -O} would write.
     */
    static final class MergedTrace extends StreamSource {
        private final Thread merger;
        private final org.jblktrace.core.parse.Blkparse blkparse;
        private volatile int mergeStatus;
        private final BlockPipe pipe = new BlockPipe();
        private TraceRecord first;
        private TraceStream.Status firstStatus;

        MergedTrace(Btt btt) {
            super(btt, btt.options.traces.contains("-") ? "stdin" : String.join(", ", btt.options.traces));
            org.jblktrace.core.parse.ParseOptions parse = new org.jblktrace.core.parse.ParseOptions();
            if (btt.options.traces.contains("-")) {
                parse.pipeName = "-";
            } else {
                parse.inputs.addAll(btt.options.traces);
                parse.inputDir = btt.options.traceDir;
            }
            parse.textOutput = false;
            parse.dumpStream = pipe.output;
            // The merge's "Input file ... added" lines are not part of btt's output.
            org.jblktrace.core.parse.ParseContext ctx = new org.jblktrace.core.parse.ParseContext(btt.context.stdin,
                    OutputStream.nullOutputStream(), btt.context.stderr, false, btt.context.workingDir);
            blkparse = new org.jblktrace.core.parse.Blkparse(parse, ctx);
            merger = new Thread(() -> mergeStatus = blkparse.run(), "blkparse-merge");
            merger.setDaemon(true);
            merger.start();
            stream = new TraceStream(pipe.input, READ_BUFFER);
        }

        /** Stops the merge (the records read so far are still analysed). */
        void stop() {
            blkparse.stop();
        }

        @Override
        boolean isEmpty() {
            first = new TraceRecord();
            firstStatus = stream.next(first);
            return firstStatus == TraceStream.Status.END && stream.leftoverBytes() == 0;
        }

        @Override
        Result next(TraceRecord r) {
            if (first != null) {
                r.copyFrom(first);
                first = null;
                return interpret(firstStatus, r);
            }
            return super.next(r);
        }

        @Override
        long size() {
            return 0;
        }

        @Override
        int finish() {
            try {
                stream.close();
                merger.join();
            } catch (IOException e) {
                // The pipe is in memory.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return mergeStatus;
        }
    }
}
