package org.jblktrace.core.parse;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.parse.format.Ctime;
import org.jblktrace.core.parse.format.EventFormatter;
import org.jblktrace.core.record.Blk;

/**
 * blkparse after option parsing: reads per-CPU trace files (merging them by time) or one
 * piped stream, prints each event, and ends with the statistics — byte for byte like the
 * release of blkparse its options name, with version 8 records read as well by default.
 */
public final class Blkparse {
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
    /** Events per batch, an unsigned 32-bit count ({@code -b -1} is 4294967295). */
    private final long batch;
    private ParseOutput output;
    private ProgramTable programs;
    private EventProcessor events;

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
        this.batch = options.batch != 0 ? Integer.toUnsignedLong(options.batch) : ParseOptions.DEFAULT_BATCH;
    }

    /** Thread-safe: called from a signal handler; reading stops and statistics are still printed. */
    public void stop() {
        stopped = true;
    }

    /** Runs to completion; returns the exit status. Never throws for bad input. */
    public int run() {
        output = new ParseOutput(opts, ctx);
        int status;
        try {
            output.open(opts, ctx);
            programs = opts.perProcessStats ? new ProgramTable(opts.hashByPid, names) : null;
            EventFormatter formatter = new EventFormatter(opts.formats, names, opts.compat != Compat.V1_2);
            events = new EventProcessor(opts, output, formatter, names, programs, order);
            status = opts.pipeName != null ? parsePipe() : new FileMerge(this, ctx).run();
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
                output.warn("dup stdin: " + Errno.text(e));
                return 255;
            }
        }
        RecordReader reader = new RecordReader(in, order, PIPE_READ_BUFFER, opts.compat.acceptsVersion8());
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

    /** True after {@link #stop()} or once stdout's reader is gone. */
    boolean stopRequested() {
        return stopped || output.stdoutBroken();
    }

    EventProcessor events() {
        return events;
    }

    ParseOutput output() {
        return output;
    }

    TraceOrder order() {
        return order;
    }

    long batch() {
        return batch;
    }

    List<DeviceState> devices() {
        return devices;
    }

    ParseOptions options() {
        return opts;
    }

    long displayMask() {
        return displayMask;
    }

    private void showStatistics() {
        StdioStream text = output.text();
        TextBuffer b = text.buffer();
        StatsPrinter printer = new StatsPrinter(b, grouping);
        if (programs != null) {
            for (ProgramStats p : programs.sorted(opts.programSort)) {
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
        if (opts.compat != Compat.V1_2) {
            int start = b.length();
            b.append("Trace started at ");
            Ctime.append(b, events.startSeconds(), ZoneId.systemDefault());
            b.append('\n');
            text.appended(start);
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
