package org.jblktrace.core.parse.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public constructor in a real process: %z follows TZ, and non-ASCII format bytes given on
 * the command line come out unchanged. Both sides get the same argument bytes through sh.
 */
class ProcessEnvironmentTest {
    static final long WALL_SECONDS = 1_700_000_000L;
    static final long WALL_NANOS = 123_456_789L;
    /** printf(1) source of the format: "café %z|%C|%a\n" with the backslash-n left for the format. */
    private static final String FORMAT_PRINTF = "caf\\303\\251 %%z|%%C|%%a\\\\n";

    @TempDir
    Path dir;

    static TraceRecord queueEvent() {
        return Traces.event(1, 5_000_000_000L, 8, 4096, Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_FS, 1234);
    }

    private byte[] run(String zone, String program) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", program + " \"$(printf '" + FORMAT_PRINTF + "')\"");
        pb.directory(dir.toFile()).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        pb.environment().put("TZ", zone);
        pb.environment().put("LC_ALL", "C.UTF-8");
        int status = pb.start().waitFor();
        assertEquals(0, status, Files.readString(dir.resolve("err")));
        return Files.readAllBytes(dir.resolve("out"));
    }

    @Test
    void wallClockZoneAndFormatBytesComeFromTheProcessEnvironment() throws Exception {
        assertTrue(Files.isExecutable(ReferenceRun.BLKPARSE), "the reference " + ReferenceRun.BLKPARSE + " is required");
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        for (TraceRecord r : List.of(Traces.timestamp(1000, (int) WALL_SECONDS, (int) WALL_NANOS),
            Traces.process(1234, "dd"), queueEvent())) {
            trace.write(RecordCodec.toBytes(r, ByteOrder.LITTLE_ENDIAN));
        }
        Files.write(dir.resolve("t.blktrace.0"), trace.toByteArray());
        String javaCommand = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String child = "exec '" + javaCommand + "' -cp '" + System.getProperty("java.class.path") + "' "
            + PublicFormatterMain.class.getName();
        for (String zone : new String[] {"Asia/Kolkata", "JST-9"}) {
            byte[] reference = run(zone, "exec /usr/bin/blkparse -i t -q -f");
            byte[] notice = "Input file t.blktrace.0 added\n".getBytes(StandardCharsets.US_ASCII);
            byte[] expected = Arrays.copyOf(reference, reference.length - notice.length);
            assertArrayEquals(expected, run(zone, child), zone);
        }
    }
}
