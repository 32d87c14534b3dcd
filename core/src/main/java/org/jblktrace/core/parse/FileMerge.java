package org.jblktrace.core.parse;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.record.TraceRecord;

/**
 * File mode: one stream per NAME.blktrace.CPU file, each holding up to a batch of pre-read
 * events, kept in a list ordered by head time with the reference's exact insertion rule
 * (ties included), and drained from the front until all streams are empty or the stopwatch
 * end is passed. All devices share one genesis: the first head time after priming.
 */
final class FileMerge {
    private static final int READ_BUFFER = 1 << 17;

    private final Blkparse parse;
    private final ParseContext ctx;
    private final ParseOptions opts;
    private final ParseOutput output;
    private final EventProcessor events;
    private final List<DeviceState> devices;
    private final TraceOrder order;
    private final long batch;
    private final long displayMask;
    private FileStream mergeHead;
    private String inputDir;
    private long genesis;

    FileMerge(Blkparse parse, ParseContext ctx) {
        this.parse = parse;
        this.ctx = ctx;
        this.opts = parse.options();
        this.output = parse.output();
        this.events = parse.events();
        this.devices = parse.devices();
        this.order = parse.order();
        this.batch = parse.batch();
        this.displayMask = parse.displayMask();
    }

    /** Sets up every input, then merges; returns the exit status (1: an input had no files). */
    int run() {
        inputDir = opts.inputDir;
        for (String input : opts.inputs) {
            int cut = input.indexOf(".blktrace.");
            DeviceState dev = new DeviceState(cut >= 0 ? input.substring(0, cut) : input, 0);
            devices.add(dev);
        }
        for (DeviceState dev : devices) {
            int cpu = 0;
            while (addCpuFile(dev, cpu)) {
                cpu++;
            }
            if (cpu == 0) {
                output.warn("No input files found for " + dev.name);
                return 1;
            }
        }
        if (mergeHead != null) {
            genesis = mergeHead.peekTime();
            if (opts.compat != Compat.V1_2) {
                events.rebaseWallClock(genesis);
            }
        }
        while (!parse.stopRequested() && mergeHead != null && takeHead()) {
            // takeHead does the work
        }
        return 0;
    }

    /** Opens and primes NAME.blktrace.CPU; false ends the CPU scan for this device. */
    private boolean addCpuFile(DeviceState dev, int cpu) {
        CpuState pci = dev.cpu(cpu);
        String dir = PathNames.dirname(dev.name);
        if (!dir.equals(".")) {
            // A directory in an input name becomes the input directory of every later input.
            inputDir = dir;
            dev.name = PathNames.basename(dev.name);
        }
        String fileName = (inputDir != null ? inputDir + "/" : "") + dev.name + ".blktrace." + cpu;
        Path path = ctx.resolve(fileName);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (attrs.size() == 0) {
            return true;
        }
        InputStream in;
        if (attrs.isDirectory()) {
            in = DirectoryInput.INSTANCE;
        } else {
            try {
                in = new FileInputStream(path.toFile());
            } catch (IOException e) {
                output.warn(fileName + ": " + Errno.text(e));
                return false;
            }
        }
        output.stdoutLine("Input file " + fileName + " added");
        FileStream stream = new FileStream(dev, pci, new RecordReader(in, order, READ_BUFFER, opts.compat.acceptsVersion8()));
        if (prime(stream) > 0) {
            insert(stream);
        }
        return true;
    }

    /** Reads up to one batch of events into an empty stream; notifies are consumed on the way. */
    private int prime(FileStream s) {
        int primed = 0;
        for (long i = 0; !parse.stopRequested() && !s.closed && i < batch; i++) {
            TraceRecord r = s.slot();
            RecordReader.Status status = s.reader.next(r, true);
            if (status != RecordReader.Status.RECORD) {
                parse.reportReadProblem(s.reader, status);
                close(s);
                break;
            }
            if (r.cpu != s.cpu.cpu) {
                // Counts toward the batch, as in the reference.
                output.warn("cpu " + s.cpu.cpu + " trace info has error cpu " + r.cpu);
                continue;
            }
            if (events.isReadTimeNotify(r)) {
                events.readTimeNotify(r);
                events.recordFreed(r);
                i--;
                continue;
            }
            s.push();
            primed++;
        }
        return primed;
    }

    private static void close(FileStream s) {
        s.closed = true;
        try {
            s.reader.close();
        } catch (IOException e) {
            // Nothing more is read from it either way.
        }
    }

    /** Links a stream behind every stream whose head is strictly earlier (ties: right after the first). */
    private void insert(FileStream s) {
        long t = s.peekTime();
        if (mergeHead == null) {
            mergeHead = s;
        } else if (Long.compareUnsigned(t, mergeHead.peekTime()) < 0) {
            s.next = mergeHead;
            mergeHead = s;
        } else {
            FileStream p = mergeHead;
            while (p.next != null && Long.compareUnsigned(p.next.peekTime(), t) < 0) {
                p = p.next;
            }
            s.next = p.next;
            p.next = s;
        }
    }

    /** Processes the earliest event; false once the stopwatch end is passed. */
    private boolean takeHead() {
        FileStream s = mergeHead;
        TraceRecord t = s.peek();
        DeviceState dev = s.device;
        s.cpu.taken++;
        t.time -= genesis;
        if (Long.compareUnsigned(t.time, opts.stopwatchEnd) > 0) {
            return false;
        }
        dev.lastReportedTime = t.time;
        if ((t.action & displayMask) != 0 && Long.compareUnsigned(t.time, opts.stopwatchStart) >= 0) {
            events.dump(t, s.cpu, dev);
        }
        s.pop();
        if (s.isEmpty() && prime(s) == 0) {
            mergeHead = s.next;
            s.next = null;
            return true;
        }
        if (s.next != null && Long.compareUnsigned(s.peekTime(), s.next.peekTime()) > 0) {
            mergeHead = s.next;
            s.next = null;
            insert(s);
        }
        return true;
    }
}
