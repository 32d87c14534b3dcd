package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.record.Blk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How text, C's stdout and stderr interleave. */
class BlkparseStreamsTest {
    private static final String F = Harness.FORMAT;

    @TempDir
    Path dir;

    @Test
    void stderrLinesLandBetweenTheTextLinesTheyFollow() throws Exception {
        TraceFiles.appendixA(dir);
        String merged = Harness.sameMerged(dir, null, "-f", F, "-i", "sda");
        assertTrue(merged.contains("[dd] 1234|\nBad fs action 1110010\n"));
        Harness.sameMerged(dir, null, "-f", F, "-t", "-v", "-i", "sda");
    }

    @Test
    void partialLinesStayBufferedWhenStderrIsWritten() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.sameMerged(dir, null, "-f", "%S;", "-i", "sda");
        Harness.sameMerged(dir, null, "-f", "%S;", "-F", "C,x%u", "-i", "sda");
    }

    @Test
    void binaryDumpOnStdoutInterleavesWithTextAndStderr() throws Exception {
        TraceFiles t = new TraceFiles();
        for (int i = 0; i < 4000; i++) {
            t.event(0, i + 1, 1000L * i, 8L * i, 4096, i % 500 == 7 ? 31 : Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE | Blk.TC_FS, 3);
        }
        t.write(dir.resolve("sda.blktrace.0"));
        Harness.sameMerged(dir, null, "-f", F, "-d", "-", "-i", "sda");
    }

    @Test
    void manyInputFileLinesOverflowStdoutsBuffer() throws Exception {
        for (int cpu = 0; cpu < 150; cpu++) {
            new TraceFiles().event(cpu, 1, 1000 + cpu, 0, 4096, Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_READ | Blk.TC_FS, 1)
                .write(dir.resolve("a-rather-long-device-name.blktrace." + cpu));
        }
        Harness.sameMerged(dir, null, "-f", F, "-q", "-i", "a-rather-long-device-name");
    }

    @Test
    void statisticsAreGroupedWhenAnEnUsLocaleLoads() throws Exception {
        Path locales = java.nio.file.Files.createDirectories(dir.resolve("locales"));
        Process localedef = new ProcessBuilder("localedef", "-i", "en_US", "-f", "ISO-8859-1",
            locales.resolve("en_US").toString()).redirectErrorStream(true).start();
        localedef.getInputStream().readAllBytes();
        localedef.waitFor();
        Grouping grouping = Grouping.of(Grouping.detect(locales.toString(), Path.of("/nonexistent")));
        assertTrue(grouping.enabled());
        TraceFiles t = new TraceFiles();
        for (int i = 0; i < 1200; i++) {
            t.event(0, i + 1, 1_000_000L * i, 8L * i, 1 << 20, Blk.TA_COMPLETE, Blk.TC_COMPLETE | Blk.TC_WRITE | Blk.TC_FS, 1);
        }
        t.write(dir.resolve("sda.blktrace.0"));
        String[] args = {"-f", "", "-s", "-i", "sda"};
        for (Release release : ReferenceTools.selected()) {
            Harness.Result ref = Harness.reference(release, dir, locales.toString(), null, args);
            Harness.Result our = Harness.ours(release.compat, dir, grouping, null, args);
            assertTrue(ref.out().contains("Events (sda): 1,200 entries"), ref.out());
            assertEquals(ref.out(), our.out(), "blkparse " + release.name + ".0");
        }
    }

    @Test
    void aVanishedReaderEndsTheRunLikeSigpipe() throws Exception {
        TraceFiles t = new TraceFiles();
        for (int i = 0; i < 20000; i++) {
            t.event(0, i + 1, 1000L * i, 8L * i, 4096, Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE | Blk.TC_FS, 3);
        }
        t.write(dir.resolve("sda.blktrace.0"));
        int[] writes = {0};
        java.io.OutputStream closedPipe = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                writes[0]++;
                throw new java.io.IOException("Broken pipe");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ParseContext ctx = new ParseContext(new ByteArrayInputStream(new byte[0]), closedPipe,
            new PrintStream(err, true, StandardCharsets.ISO_8859_1), false, dir);
        assertEquals(141, new Blkparse(Harness.options(dir, "-f", F, "-i", "sda"), ctx, Grouping.of(false)).run());
        assertEquals(1, writes[0]);
        assertEquals("", err.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void onATerminalInputFileLinesComeFirst() throws Exception {
        TraceFiles.appendixA(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParseContext ctx = new ParseContext(new ByteArrayInputStream(new byte[0]), out,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1), true, dir);
        int status = new Blkparse(Harness.options(dir, "-f", F, "-q", "-i", "sda"), ctx, Grouping.of(false)).run();
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.ISO_8859_1).startsWith(
            "Input file sda.blktrace.0 added\nInput file sda.blktrace.1 added\n  8,0    0        1"));
    }

    @Test
    void stopEndsReadingButStillPrintsStatistics() throws Exception {
        TraceFiles.appendixA(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParseContext ctx = new ParseContext(new ByteArrayInputStream(new byte[0]), out,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1), false, dir);
        Blkparse parse = new Blkparse(Harness.options(dir, "-f", F, "-i", "sda"), ctx, Grouping.of(false));
        parse.stop();
        assertEquals(0, parse.run());
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("\nThroughput (R/W): 0KiB/s / 0KiB/s\nEvents (sda): 0 entries\n"), text);
    }
}
