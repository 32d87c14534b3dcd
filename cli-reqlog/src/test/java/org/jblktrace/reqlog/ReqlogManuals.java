package org.jblktrace.reqlog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.cli.docs.ManualFiles;
import org.jblktrace.core.cli.docs.ManualPage;
import org.jblktrace.core.cli.docs.ManualPage.Example;
import org.jblktrace.core.cli.docs.ManualPage.Item;
import org.jblktrace.core.cli.docs.ManualPage.Paragraph;
import org.jblktrace.core.cli.docs.ManualPage.Section;

/** reqlog's man page and bash completion; the build runs this with the target directory. */
public final class ReqlogManuals {
    private ReqlogManuals() {
    }

    public static void main(String[] args) throws IOException {
        ManualFiles.write(Path.of(args[0]), reqlog());
    }

    static ManualPage reqlog() {
        return new ManualPage("reqlog", 8, "log disk requests, map written extents, migrate in-use block devices",
                List.of("enable|disable|read /dev/reqlog", "watch [--backend=SOURCE] [--buffer-size=KiB] DEVICE",
                        "map [--seconds=N] [--backend=SOURCE] DEVICE",
                        "migrate [--max-passes=N] [--backend=SOURCE] SOURCE TARGET"),
                ReqlogCommand.OPTIONS, List.of(
                new Section("DESCRIPTION",
                        new Paragraph("reqlog is the userland side of a request log: while logging is enabled, the "
                                + "jblktrace kernel module appends every read and write request issued to a disk "
                                + "(blktrace's D event), and its completion, to a ring buffer behind /dev/reqlog. "
                                + "Discards, write-zeroes and zone resets count as writes. A full ring drops records "
                                + "and counts them. The device is created with mode 0600: read permission lets a "
                                + "process read the log (each record is read once, by one reader), write permission "
                                + "lets it enable or disable logging."),
                        new Paragraph("With no or bad arguments reqlog prints \"Usage: reqlog enable|disable|read "
                                + "device\" and exits 1.")),
                new Section("COMMANDS",
                        new Item("enable /dev/reqlog", "Turn logging on."),
                        new Item("disable /dev/reqlog", "Turn logging off."),
                        new Item("read /dev/reqlog", "Print one line per issued request as it arrives, until "
                                + "SIGINT or SIGTERM: \"device 254/0 sector 107936 write 2\": the disk's major and "
                                + "minor number, the first sector on the disk, read or write, and the length in "
                                + "512-byte sectors. Lost records are reported on stderr with their count."),
                        new Item("watch DEVICE", "The same lines for one block device (its own number and "
                                + "sectors), through blktrace's capture paths (relay files, the ftrace blk tracer, "
                                + "the module's traces), so it needs no /dev/reqlog and works on kernels in "
                                + "lockdown. Until SIGINT or SIGTERM."),
                        new Item("map DEVICE", "Record the writes to DEVICE until N seconds pass (--seconds) or "
                                + "SIGINT or SIGTERM, then print the written extents, merged and sorted, one "
                                + "\"START LENGTH\" line each, in 512-byte sectors of DEVICE: for backup and "
                                + "replication tools. When events were lost the map is incomplete: reqlog says so "
                                + "and exits 2."),
                        new Item("migrate SOURCE TARGET", "Copy the in-use block device SOURCE to TARGET, a block "
                                + "device (opened exclusively; not smaller than SOURCE) or a regular file (created "
                                + "if missing, made SOURCE's size). SOURCE is read with O_DIRECT. Every write to "
                                + "SOURCE is tracked meanwhile; pass after pass, what was written is copied again. "
                                + "A written range stays dirty from the write's issue until a copy that began after "
                                + "the write completed; a lost event or an overrun makes all of SOURCE dirty again. "
                                + "SIGINT or SIGTERM makes it finish: it keeps tracking and copying until a pass "
                                + "sees no new writes and none is in flight, flushes TARGET and prints \"migrated "
                                + "SOURCE to TARGET: P passes, B bytes copied, R bytes copied after stop\" as the "
                                + "last line on stdout. Stop the writers of SOURCE first: a copy can only equal a "
                                + "device that holds still. A second signal abandons the migration (status 130). "
                                + "Progress goes to stderr, as a bar on a terminal.")),
                new Section("REQUEST SOURCES",
                        new Item("reqlog", "/dev/reqlog, the jblktrace module's request log; one ring for all "
                                + "disks, in order, with sequence numbers, so that losses and other readers show."),
                        new Item("relay, ftrace, module", "blktrace's capture paths, as blktrace --backend "
                                + "chooses them."),
                        new Item("auto", "For map and migrate /dev/reqlog when it exists, else relay, ftrace and "
                                + "the module in that order; for watch the latter.")),
                new Section("EXIT STATUS",
                        new Paragraph("0 on success, also after SIGINT or SIGTERM ends read, watch or map. 1 for "
                                + "bad arguments, no module, no root, a device that is not a block device, an "
                                + "unreadable or too small TARGET, a source that disappears, a full disk, events "
                                + "that could not be tracked, or a migration that did not catch up within "
                                + "--max-passes; a failed migration never prints its success line. 2 when map lost "
                                + "events. 130 when a second signal abandons a migration.")),
                new Section("EXAMPLES",
                        new Example("reqlog enable /dev/reqlog && reqlog read /dev/reqlog",
                                "Watch every disk request as the seed's tool did:"),
                        new Example("reqlog watch /dev/sdb", "The same lines for one disk, without the module:"),
                        new Example("reqlog map --seconds 60 /dev/sdb > written.txt",
                                "What was written in a minute:"),
                        new Example("reqlog migrate /dev/sdb /dev/sdc", "Move a disk in use; stop its writers, "
                                + "then press Ctrl-C to finish:")),
                new Section("SEE ALSO", new Paragraph("blktrace(8), blkparse(1)"))));
    }
}
