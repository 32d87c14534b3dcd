package org.jblktrace.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.cli.ActMasks;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.cli.docs.ManualFiles;
import org.jblktrace.core.cli.docs.ManualPage;
import org.jblktrace.core.cli.docs.ManualPage.Example;
import org.jblktrace.core.cli.docs.ManualPage.Item;
import org.jblktrace.core.cli.docs.ManualPage.Paragraph;
import org.jblktrace.core.cli.docs.ManualPage.Section;

/** The man pages and bash completions of blktrace and btrace; the build runs this with the target directory. */
public final class TraceManuals {
    /**
     * btrace is a shell script (scripts/btrace) whose getopts string is "a:w:n:b:r:sthv"; this
     * table describes it for its manual and completion only.
     */
    static final List<CommandOption> BTRACE_OPTIONS = List.of(
            shortOnly('a', "trace", "Trace only this category of events (blktrace -a); repeatable.")
                    .withValues(ActMasks.names()),
            shortOnly('w', "N", "Stop after N seconds (blktrace -w)."),
            shortOnly('n', "N", "Number of sub-buffers per CPU (blktrace -n)."),
            shortOnly('b', "N", "Sub-buffer size in KiB (blktrace -b)."),
            shortOnly('r', "dbg mnt", "Where debugfs is mounted (blktrace -r)."),
            shortOnly('s', null, "Print per-program statistics (blkparse -s)."),
            shortOnly('t', null, "Show how long each request took (blkparse -t)."),
            shortOnly('h', null, "Group per-program statistics by process name (blkparse -h)."),
            shortOnly('v', null, "Report marginal problems on stderr (blkparse -v)."));

    private TraceManuals() {
    }

    public static void main(String[] args) throws IOException {
        ManualFiles.write(Path.of(args[0]), blktrace());
        ManualFiles.write(Path.of(args[0]), btrace());
    }

    private static CommandOption shortOnly(char letter, String argumentLabel, String description) {
        return new CommandOption(letter, null, argumentLabel, true, description);
    }

    static ManualPage blktrace() {
        return new ManualPage("blktrace", 8, "record block I/O events of Linux block devices",
                List.of("-d DEVICE [options] [DEVICE...]"), BlktraceCommand.OPTIONS, List.of(
                new Section("DESCRIPTION",
                        new Paragraph("blktrace records the block layer's events (queueing, merging, dispatch, "
                                + "completion, ...) of one or more devices, one binary file per device and CPU "
                                + "(DEVICE.blktrace.CPU), or one stream to stdout with -o -. blkparse(1) turns "
                                + "them into text. It runs until -w expires or it receives SIGINT, SIGTERM or "
                                + "SIGHUP, then prints how many events each CPU recorded. It needs root."),
                        new Paragraph("This is jblktrace's blktrace: blktrace 2.0.0's options, messages and exit "
                                + "statuses, with two more options: --backend, which chooses how events are "
                                + "captured, and --trace-version, which chooses the record format. Long options "
                                + "may be abbreviated to any unique prefix, except these two.")),
                new Section("RECORD VERSIONS",
                        new Item("8", "blk_io_trace2, 64-byte headers with a 64-bit action: zone operations "
                                + "(open, close, finish, reset, append), zone write plugging and write-zeroes "
                                + "requests have categories of their own. Linux 6.19 and later record it, and it "
                                + "is the default there."),
                        new Item("7", "blk_io_trace, 48-byte headers, which blkparse 1.2 and 1.3 read. The "
                                + "default on older kernels, and wherever JBLKTRACE_COMPAT is 1.2 or 1.3. On Linux "
                                + "6.19 and later a version 7 trace lacks zone operations and write-zeroes "
                                + "requests: the kernel leaves them out, and blktrace says so on stderr.")),
                new Section("CAPTURE PATHS",
                        new Item("relay", "The kernel's own blktrace: ioctls on the device and relay files under "
                                + "DEBUGFS/block/DEVICE/, as the C blktrace uses."),
                        new Item("ftrace", "The kernel's blk tracer in tracefs, for kernels whose relay files "
                                + "cannot be read (kernel lockdown refuses them with EPERM). The events are "
                                + "converted to the relay path's format, so blkparse reads the same files. tracefs "
                                + "is put back as it was however the trace ends."),
                        new Item("module", "jblktrace's kernel module (/dev/jblktrace), for kernels built "
                                + "without blktrace."),
                        new Item("auto", "The default: relay; ftrace when the relay files are locked down or the "
                                + "blktrace ioctls are missing; the module when the kernel has no blk tracer "
                                + "either. Each path passed over is one line on stderr, with the reason; a path "
                                + "that fails (a device traced already, no root) ends the run.")),
                new Section("EXIT STATUS",
                        new Paragraph("0 after a trace that ended normally (by -w, a signal, or a reader of "
                                + "-o - that went away), after -k and after -v; as in blktrace, also when the "
                                + "output files cannot be made. 1 for a usage error, an option blktrace rejects, "
                                + "a run without root, debugfs missing where -r says, a device that cannot be "
                                + "traced or trace files that cannot be written.")),
                new Section("EXAMPLES",
                        new Example("blktrace -d /dev/sda -w 30", "Trace sda for 30 seconds into ./sda.blktrace.*:"),
                        new Example("blktrace -d /dev/sda -o - | blkparse -i -", "Trace and show the events live:"),
                        new Example("blktrace -d /dev/sda -a write -a sync -D /traces",
                                "Only writes and synchronous requests, into /traces:"),
                        new Example("blktrace -d /dev/sda --backend ftrace", "Trace through the ftrace blk tracer:"),
                        new Example("blktrace -l", "Receive traces from other machines on port 8462 ..."),
                        new Example("blktrace -d /dev/sda -h server", "... and send one there:"),
                        new Example("blktrace -k -d /dev/sda", "Tear down a trace left behind:")),
                new Section("SEE ALSO", new Paragraph("blkparse(1), btrace(8)"))));
    }

    static ManualPage btrace() {
        return new ManualPage("btrace", 8, "trace block I/O and show the events live",
                List.of("[-s] [-t] [-w N] [-n N] [-b N] [-a trace...] [-r dbg mnt] DEVICE..."), BTRACE_OPTIONS,
                List.of(
                new Section("DESCRIPTION",
                        new Paragraph("btrace runs blktrace on the devices with its output piped into blkparse: "
                                + "blktrace [-a, -w, -n, -b, -r options] -o- DEVICE... | "
                                + "blkparse -b100000 [-s, -t, -h, -v options] -i-. "
                                + "It runs jblktrace's blktrace and blkparse from its own directory and stops "
                                + "with blktrace (-w or Ctrl-C). It needs root.")),
                new Section("EXIT STATUS",
                        new Paragraph("That of blkparse; 2 for an unknown option or when no device is given, "
                                + "after the usage line on stderr.")),
                new Section("EXAMPLES",
                        new Example("btrace /dev/sda", "Show sda's events until Ctrl-C:"),
                        new Example("btrace -w 10 -s -a write /dev/sda",
                                "Ten seconds of writes, with per-program statistics:")),
                new Section("SEE ALSO", new Paragraph("blktrace(8), blkparse(1)"))));
    }
}
