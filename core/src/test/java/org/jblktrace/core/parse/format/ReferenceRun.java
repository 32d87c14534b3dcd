package org.jblktrace.core.parse.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.TextBuffer;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/**
 * Runs /usr/bin/blkparse in file mode on a one-CPU trace and renders the same records with
 * {@link EventFormatter}, so that tests can compare the two outputs byte for byte.
 */
final class ReferenceRun {
    static final Path BLKPARSE = Paths.get("/usr/bin/blkparse");
    private static final String NAME = "t";
    private static final String ACTS = "?QMFGSRDCPUUIXBA";

    /** Output of one run: stdout text (without the trailing "Input file" notice), stderr text, exit status. */
    static final class Output {
        final String stdout;
        final String stderr;
        final int status;

        Output(String stdout, String stderr, int status) {
            this.stdout = stdout;
            this.stderr = stderr;
            this.status = status;
        }

        @Override
        public String toString() {
            return "status " + status + ", stderr [" + stderr + "], stdout:\n" + stdout;
        }
    }

    private ReferenceRun() {
    }

    /** Runs blkparse {@code -i t -q ARGS} on {@code records} (all on CPU 0) with TZ set to {@code zone}. */
    static Output blkparse(Path dir, List<TraceRecord> records, String zone, String... args)
        throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(BLKPARSE), "the reference " + BLKPARSE + " is required");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (TraceRecord r : records) {
            file.write(RecordCodec.toBytes(r, ByteOrder.LITTLE_ENDIAN));
        }
        Files.write(dir.resolve(NAME + ".blktrace.0"), file.toByteArray());
        List<String> command = new ArrayList<>(List.of(BLKPARSE.toString(), "-i", NAME, "-q"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("TZ", zone);
        pb.redirectError(dir.resolve("stderr").toFile()).redirectOutput(dir.resolve("stdout").toFile());
        int status = pb.start().waitFor();
        String out = new String(Files.readAllBytes(dir.resolve("stdout")), StandardCharsets.ISO_8859_1);
        String notice = "Input file " + NAME + ".blktrace.0 added\n";
        if (out.endsWith(notice)) {
            out = out.substring(0, out.length() - notice.length());
        }
        String err = new String(Files.readAllBytes(dir.resolve("stderr")), StandardCharsets.ISO_8859_1);
        return new Output(out, err, status);
    }

    /**
     * What blkparse -q would print for {@code records} given custom formats: notes are consumed,
     * times rebased to the first event, elapsed taken from {@code elapsed} (indexed like records,
     * null = none) and the output stops at the first {@link BlkparseExit}.
     */
    static Output formatter(List<TraceRecord> records, String[] formats, ZoneId zone, long[] elapsed) {
        Map<Integer, String> names = new HashMap<>();
        long genesis = -1;
        long wallSec = 0;
        long wallNsec = 0;
        for (TraceRecord r : records) {
            if (r.action == Blk.notifyAction(Blk.TN_PROCESS)) {
                names.putIfAbsent(r.pid, new String(r.pdu, 0, indexOfNul(r), StandardCharsets.ISO_8859_1));
            } else if (r.action == Blk.notifyAction(Blk.TN_TIMESTAMP)) {
                ByteBuffer pair = ByteBuffer.wrap(r.pdu, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
                wallSec = pair.getInt(0) & 0xFFFFFFFFL;
                wallNsec = pair.getInt(4) & 0xFFFFFFFFL;
            } else if (genesis == -1) {
                genesis = r.time;
            }
        }
        EventFormatter formatter = new EventFormatter(formats, names::get, false, zone);
        formatter.setWallClockBase(wallSec, wallNsec);
        TextBuffer out = new TextBuffer();
        for (int i = 0; i < records.size(); i++) {
            TraceRecord r = records.get(i).copy();
            if (r.isNotify() && r.action != Blk.notifyAction(Blk.TN_MESSAGE)) {
                continue;
            }
            r.time -= genesis;
            try {
                if (r.isNotify()) {
                    formatter.formatMessage(out, r, r.cpu, false);
                } else {
                    boolean pc = (r.categories() & Blk.TC_PC) != 0;
                    int code = r.code();
                    String act = code == Blk.TA_UNPLUG_TIMER ? "UT" : String.valueOf(ACTS.charAt(code));
                    boolean pduShown = pc && (code == Blk.TA_ISSUE || code == Blk.TA_COMPLETE || code == Blk.TA_INSERT);
                    formatter.format(out, act, r, r.cpu, elapsed == null ? -1 : elapsed[i], pduShown);
                }
            } catch (BlkparseExit e) {
                return new Output(out.toString(), e.getMessage() + "\n", e.status);
            }
        }
        return new Output(out.toString(), "", 0);
    }

    private static int indexOfNul(TraceRecord r) {
        int n = 0;
        while (n < r.pduLen && r.pdu[n] != 0) {
            n++;
        }
        return n;
    }
}
