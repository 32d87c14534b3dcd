package org.jblktrace.btt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.cli.docs.ManualFiles;
import org.jblktrace.core.cli.docs.ManualPage;
import org.jblktrace.core.cli.docs.ManualPage.Example;
import org.jblktrace.core.cli.docs.ManualPage.Item;
import org.jblktrace.core.cli.docs.ManualPage.Paragraph;
import org.jblktrace.core.cli.docs.ManualPage.Section;

/** btt's man page and bash completion; the build runs this with the target directory. */
public final class BttManual {
    private BttManual() {
    }

    public static void main(String[] args) throws IOException {
        ManualFiles.write(Path.of(args[0]), page());
    }

    static ManualPage page() {
        return new ManualPage("btt", 1, "analyse block I/O latencies in a blkparse dump",
                List.of("-i DUMP [options]", "--trace NAME [--trace-dir DIR] [options]"), BttCommand.OPTIONS, List.of(
                new Section("DESCRIPTION",
                        new Paragraph("btt follows every request of a trace from queue (Q) through get request (G), "
                                + "insert (I) or merge (M) and issue (D) to completion (C), and reports where the "
                                + "time went: Q2G, G2I, Q2M, I2D and M2D in the kernel, D2C in the device, Q2C in "
                                + "all. It reads the binary dump that blkparse -d writes (blkparse -i sda -d "
                                + "sda.bin -O; btt -i sda.bin), or with --trace the trace files themselves."),
                        new Paragraph("This is jblktrace's btt. For the same arguments and dump it prints byte for "
                                + "byte the same report, writes the same files and exits with the same status as "
                                + "Debian's btt 2.09: by default as Debian 13's (blktrace 1.3.0), with --compat=1.2 "
                                + "as Debian 12's, which finds fewer requests for some merged, split and remapped "
                                + "I/O. It also reads version 8 traces. Long options may be abbreviated to any "
                                + "unique prefix, except the ones btt does not have."),
                        new Paragraph("The report has these sections: All Devices (MIN, AVG, MAX in seconds and "
                                + "the count N of each latency), Device Overhead (each kernel step's share of Q2C), "
                                + "Device Merge Information (Qs per D and request sizes in blocks), Q2Q and D2D Seek "
                                + "Information (distances in sectors), Plug Information, Active Requests At Q, and "
                                + "I/O Active Period Information; -A adds the same per process and per device, and "
                                + "a Q2D histogram.")),
                new Section("FILES",
                        new Paragraph("Like btt, every run writes the I/Os and MB completed per second to "
                                + "sys_iops_fp.dat and sys_mbps_fp.dat, and per device to DEV_iops_fp.dat and "
                                + "DEV_mbps_fp.dat, in the current directory (DEV is major,minor or the -M name). "
                                + "Per-device files of the options are named as each option says; files left "
                                + "empty are removed at the end.")),
                new Section("BEYOND BTT",
                        new Item("--percentiles", "A Latency Percentiles section after the report: p50, p90, p99, "
                                + "p99.9 and maximum of Q2C, D2C, Q2D and I2D, for all devices, each device and "
                                + "each program, within 0.1% of the exact values, in memory that does not grow "
                                + "with the trace."),
                        new Item("--json=FILE", "The whole report, percentiles included, as one JSON document "
                                + "(schema in docs/btt.md); '-' writes it to stdout after the report."),
                        new Item("--trace=NAME", "Reads NAME.blktrace.0, .1, ... (from --trace-dir) merged exactly "
                                + "as blkparse merges them, so no dump step is needed; --trace=- reads a stream "
                                + "such as blktrace -o - on stdin, live. An interrupt (Ctrl-C) ends the merge and "
                                + "the report covers what was read.")),
                new Section("EXIT STATUS",
                        new Paragraph("0 when the dump was analysed, also for an empty dump (btt writes nothing "
                                + "then; this btt says so on stderr) and after SIGINT, SIGHUP or SIGTERM; 1 for a "
                                + "usage error, -m without -s, an unreadable -M file or input, an output that "
                                + "cannot be created, a corrupt dump (the report then covers the records before "
                                + "the damage) and a write error such as a full disk; 141 when the reader of "
                                + "standard output goes away.")),
                new Section("EXAMPLES",
                        new Example("blkparse -i sda -d sda.bin -O && btt -i sda.bin", "Report on a recorded trace:"),
                        new Example("btt --trace sda --trace-dir traces --percentiles", "The same without the dump, "
                                + "with tail latencies:"),
                        new Example("blktrace -d /dev/sda -o - | btt --trace=- --percentiles", "Live, until Ctrl-C:"),
                        new Example("btt -i sda.bin -o sda -l sda -q sda", "Report into sda.avg and per-request D2C "
                                + "and Q2C latencies into sda_8,0_d2c.dat and sda_8,0_q2c.dat:"),
                        new Example("btt -i sda.bin --json=- | jq '.percentiles.all.Q2C'", "Tail latency for "
                                + "scripts:")),
                new Section("SEE ALSO", new Paragraph("blkparse(1), blktrace(8), btrace(8)"))));
    }
}
