package org.jblktrace.core.parse;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.parse.format.EventFormatter;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/**
 * blkparse after option parsing: reads per-CPU trace files (merging them by time) or one
 * piped stream, prints each event, and ends with the statistics — byte for byte like
 * blkparse 1.2.0, with version 8 records read as well.
 */
public final class Blkparse {
    private static final int FILE_READ_BUFFER = 1 << 17;
    private static final int PIPE_READ_BUFFER = 1 << 20;
    /** A process killed by SIGPIPE, as a shell reports it. */
    private static final int BROKEN_PIPE_STATUS = 141;

    private final ParseOptions opts;
    private final ParseContext ctx;
    private final Grouping grouping;
    private volatile boolean stopped;

    private final ProcessTable names = new ProcessTable();
    private final TraceOrder order = new TraceOrder();
    private final List<DeviceState> devices = new ArrayList<>();
    private final long displayMask;
    private final int batch;
    private ParseOutput output;
    private ProgramTable programs;
    private EventProcessor events;
    private long genesis;

    public Blkparse(ParseOptions options, ParseContext context) {
        this(options, context, Grouping.fromEnvironment());
    }

    /** With an explicit thousands grouping instead of the one the environment gives. */
    public Blkparse(ParseOptions options, ParseContext context, Grouping grouping) {
        this.opts = options;
        this.ctx = context;
        this.grouping = grouping;
        // Every category, including version 8's zone bits above bit 31, unless a mask was given.
        this.displayMask = (options.actMask & 0xFFFFFFFFL) << Blk.TC_SHIFT;
        this.batch = options.batch > 0 ? options.batch : ParseOptions.DEFAULT_BATCH;
    }

    /** Thread-safe: called from a signal handler; reading stops and statistics are still printed. */
    public void stop() {
        stopped = true;
    }

    private boolean done() {
        return stopped || output.stdoutBroken();
    }

    /** Runs to completion; returns the exit status. Never throws for bad input. */
    public int run() {
        output = new ParseOutput(opts, ctx);
        int status;
        try {
            output.open(opts, ctx);
            programs = opts.perProcessStats ? new ProgramTable(opts.hashByPid, names) : null;
            EventFormatter formatter = new EventFormatter(opts.formats, names);
            events = new EventProcessor(opts, output, formatter, names, programs, order);
            status = opts.pipeName != null ? parsePipe() : parseFiles();
            if (status == 0 && output.text() != null) {
                showStatistics();
            }
            if (events.sawDriverData() && !output.dumping()) {
                output.stdoutLine("\ndiscarded traces containing low-level device driver specific data"
                    + " (only available in binary output)");
            }
        } catch (BlkparseExit e) {
            if (e.getMessage() != null) {
                output.warn(e.getMessage());
            }
            status = e.status;
        } catch (RuntimeException e) {
            // A defect, not bad input: still one line for the user, never a stack trace.
            output.warn("blkparse: internal error: " + e);
            status = 1;
        }
        output.finish();
        return output.stdoutBroken() ? BROKEN_PIPE_STATUS : status;
    }

    // ---------------------------------------------------------------- file mode

    private FileStream mergeHead;
    private String inputDir;

    private int parseFiles() {
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
        }
        while (!done() && mergeHead != null && takeHead()) {
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
                output.warn(fileName + ": " + Errors.strerror(e));
                return false;
            }
        }
        output.stdoutLine("Input file " + fileName + " added");
        FileStream stream = new FileStream(dev, pci, new RecordReader(in, order, FILE_READ_BUFFER));
        if (prime(stream) > 0) {
            insert(stream);
        }
        return true;
    }

    /** Reads up to one batch of events into an empty stream; notifies are consumed on the way. */
    private int prime(FileStream s) {
        int primed = 0;
        for (int i = 0; !done() && !s.closed && i < batch; i++) {
            TraceRecord r = s.slot();
            RecordReader.Status status = s.reader.next(r, true);
            if (status != RecordReader.Status.RECORD) {
                reportReadProblem(s.reader, status);
                close(s);
                break;
            }
            if (r.cpu != s.cpu.cpu) {
                // Counts toward the batch, as in the reference.
                output.warn("cpu " + s.cpu.cpu + " trace info has error cpu " + r.cpu);
                continue;
            }
            if (EventProcessor.isReadTimeNotify(r)) {
                events.readTimeNotify(r);
                i--;
                continue;
            }
            s.push();
            primed++;
        }
        return primed;
    }

    /** The stderr line of a read that ended a file or batch (end of input and undecidable order print none). */
    void reportReadProblem(RecordReader reader, RecordReader.Status status) {
        switch (status) {
            case BAD_MAGIC:
                output.warn("Bad magic " + Integer.toHexString(reader.badValue));
                break;
            case BAD_VERSION:
                output.warn("unsupported trace version " + Integer.toHexString(reader.badValue));
                break;
            case READ_ERROR:
                output.warn("read: " + reader.error);
                break;
            default:
                break;
        }
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

    // ---------------------------------------------------------------- pipe mode

    private int parsePipe() {
        for (String input : opts.inputs) {
            devices.add(new DeviceState(input, 0));
        }
        InputStream in;
        if (opts.pipeName.equals("-")) {
            in = ctx.stdin;
        } else {
            try {
                in = new FileInputStream(ctx.resolve(opts.pipeName).toFile());
            } catch (IOException e) {
                output.warn("dup stdin: " + Errors.strerror(e));
                return 255;
            }
        }
        RecordReader reader = new RecordReader(in, order, PIPE_READ_BUFFER);
        new PipeMerge(this, reader, batch).run();
        if (in != ctx.stdin) {
            try {
                reader.close();
            } catch (IOException e) {
                // Everything needed was read.
            }
        }
        return 0;
    }

    /** Pipe-mode device lookup: unclaimed devices (named by extra inputs) take the first dev_t asked for. */
    DeviceState deviceFor(int dev) {
        for (DeviceState d : devices) {
            if (d.dev == 0) {
                d.dev = dev;
            }
            if (d.dev == dev) {
                return d;
            }
        }
        DeviceState d = new DeviceState(null, dev);
        devices.add(d);
        return d;
    }

    boolean stopRequested() {
        return done();
    }

    EventProcessor events() {
        return events;
    }

    ParseOptions options() {
        return opts;
    }

    long displayMask() {
        return displayMask;
    }

    // ---------------------------------------------------------------- statistics

    private void showStatistics() {
        StdioStream text = output.text();
        TextBuffer b = text.buffer();
        StatsPrinter printer = new StatsPrinter(b, grouping);
        if (programs != null) {
            for (ProgramStats p : programs.sorted()) {
                int start = b.length();
                String title = p.name + " (" + Integer.toUnsignedString(p.pid) + (p.sharedByPids ? ", ...)" : ")");
                printer.ioStats(null, p.io, title);
                printer.waitStats(p);
                text.appended(start);
            }
            int start = b.length();
            b.append('\n');
            text.appended(start);
        }
        if (opts.perDeviceAndCpuStats) {
            for (int i = 0; i < devices.size(); i++) {
                deviceStatistics(printer, b, text, devices.get(i), i > 0);
            }
        }
        text.flush();
    }

    private void deviceStatistics(StatsPrinter printer, TextBuffer b, StdioStream text, DeviceState dev, boolean blankFirst) {
        int start = b.length();
        if (blankFirst) {
            b.append('\n');
        }
        IoStats total = new IoStats();
        String shortName = truncate(dev.displayName(), 31);
        int blocks = 0;
        for (CpuState c : dev.cpus()) {
            if (c.taken == 0) {
                continue;
            }
            total.add(c.io);
            printer.ioStats(dev, c.io, truncate("CPU" + c.cpu + " (" + shortName + "):", 46));
            blocks++;
        }
        if (blocks > 1) {
            b.append('\n');
            printer.ioStats(null, total, truncate("Total (" + shortName + "):", 46));
        }
        long readRate = 0;
        long writeRate = 0;
        long ms = Long.divideUnsigned(dev.lastReportedTime - dev.firstReportedTime, 1_000_000L);
        if (ms != 0) {
            readRate = Long.divideUnsigned(1000 * total.completedKb[0] + total.completedB[0], ms);
            writeRate = Long.divideUnsigned(1000 * total.completedKb[1] + total.completedB[1], ms);
        }
        printer.throughput(readRate, writeRate);
        printer.events(truncate(dev.displayName(), 47), dev.events);
        text.appended(start);

        long ranges = 0;
        long skipped = 0;
        for (CpuState c : dev.cpus()) {
            SkipRanges s = c.skips;
            for (int i = 0; i < s.count(); i++) {
                ranges++;
                skipped += s.end(i) - s.start(i) + 1;
                if (opts.verbose > 0) {
                    output.warn("(" + Blk.major(dev.dev) + "," + Blk.minor(dev.dev) + "): skipping "
                        + Long.toUnsignedString(s.start(i)) + " -> " + Long.toUnsignedString(s.end(i)));
                }
            }
        }
        double ratio;
        if (ranges == 0 && dev.events == 0) {
            ratio = 0.0;
        } else {
            ratio = 100.0 * (StatsPrinter.unsignedToDouble(skipped)
                / StatsPrinter.unsignedToDouble(dev.events + skipped));
        }
        start = b.length();
        printer.skips(ranges, skipped, ratio);
        text.appended(start);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
