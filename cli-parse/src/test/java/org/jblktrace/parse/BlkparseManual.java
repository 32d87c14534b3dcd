package org.jblktrace.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.cli.docs.ManualFiles;
import org.jblktrace.core.cli.docs.ManualPage;
import org.jblktrace.core.cli.docs.ManualPage.Example;
import org.jblktrace.core.cli.docs.ManualPage.Item;
import org.jblktrace.core.cli.docs.ManualPage.Paragraph;
import org.jblktrace.core.cli.docs.ManualPage.Section;

/** blkparse's man page and bash completion; the build runs this with the target directory. */
public final class BlkparseManual {
    private BlkparseManual() {
    }

    public static void main(String[] args) throws IOException {
        ManualFiles.write(Path.of(args[0]), page());
    }

    static ManualPage page() {
        return new ManualPage("blkparse", 1, "format block I/O traces recorded by blktrace",
                List.of("[options] [-i] NAME..."), BlkparseCommand.OPTIONS, List.of(
                new Section("DESCRIPTION",
                        new Paragraph("blkparse merges the per-CPU trace files that blktrace wrote "
                                + "(NAME.blktrace.0, NAME.blktrace.1, ...) or a stream piped from blktrace -o -, "
                                + "in time order, prints one line per event and ends with per-CPU and per-device "
                                + "statistics."),
                        new Paragraph("This is jblktrace's blkparse. For the same arguments and input it prints "
                                + "byte for byte the same output, writes the same files and exits with the same "
                                + "status as blkparse 1.2.0; it also reads version 8 traces (Linux 6.19). Long "
                                + "options may be abbreviated to any unique prefix."),
                        new Paragraph("A line of the default output holds the device (major,minor), the CPU, "
                                + "the sequence number, the time in seconds, the process id, the action, the RWBS "
                                + "field (R read, W write, D discard, F flush or FUA, S sync, M metadata, "
                                + "A read-ahead) and the action's details, such as sector + sectors [program].")),
                new Section("OUTPUT FORMATS",
                        new Paragraph("-F LETTER,FORMAT sets the line for one action: LETTER is one of "
                                + "A B C D F G I M P Q R S T U W X (remap, bounce, complete, issue, front merge, "
                                + "get request, insert, back merge, plug, queue, requeue, sleep, unplug by timer, "
                                + "unplug, unused, split). -f FORMAT sets it for every action that has none yet. "
                                + "A format replaces the whole line and adds no newline: end it with \\n. "
                                + "%% prints %; \\n, \\t, \\r and \\b are control characters. A field is "
                                + "%[-][width]LETTER:"),
                        new Item("%a", "action (Q, UT, ...)"),
                        new Item("%c", "CPU"),
                        new Item("%C", "process name"),
                        new Item("%d", "RWBS field"),
                        new Item("%D", "device as major,minor"),
                        new Item("%e", "error value"),
                        new Item("%m", "minor device number"),
                        new Item("%M", "major device number"),
                        new Item("%n", "number of 512-byte sectors"),
                        new Item("%N", "number of bytes"),
                        new Item("%p", "process id"),
                        new Item("%P", "command bytes of a SCSI passthrough request"),
                        new Item("%s", "sequence number"),
                        new Item("%S", "sector"),
                        new Item("%t", "nanoseconds part of the time"),
                        new Item("%T", "seconds part of the time"),
                        new Item("%u", "elapsed time in microseconds (with -t; blkparse stops with an error "
                                + "when an event has none)"),
                        new Item("%U", "payload integer (unplug depth)"),
                        new Item("%z", "wall-clock time HH:MM:SS.uuuuuu")),
                new Section("EXIT STATUS",
                        new Paragraph("0 when the traces were read, also when SIGINT, SIGHUP or SIGTERM "
                                + "stopped the reading (the statistics are still printed); 1 for a usage error, "
                                + "an option blkparse rejects, a missing input, an output file that cannot be "
                                + "opened, %u without -t or an invalid escape in a format; 141 when the reader "
                                + "of standard output goes away, as the shell reports a process killed by "
                                + "SIGPIPE.")),
                new Section("EXAMPLES",
                        new Example("blkparse -i sda", "Format sda.blktrace.* in the current directory:"),
                        new Example("blkparse -i sda -D /traces -t -s",
                                "With per-I/O times and per-program statistics, from another directory:"),
                        new Example("blktrace -d /dev/sda -o - | blkparse -i -", "Live, from a pipe:"),
                        new Example("blkparse -i sda -a write -q", "Only writes, without the statistics:"),
                        new Example("blkparse -i sda -f \"%T.%t %a %S\\n\"",
                                "Time, action and sector of each event:"),
                        new Example("blkparse -i sda -O -d sda.bin", "Merge into one binary file, no text:")),
                new Section("SEE ALSO", new Paragraph("blktrace(8), btrace(8)"))));
    }
}
