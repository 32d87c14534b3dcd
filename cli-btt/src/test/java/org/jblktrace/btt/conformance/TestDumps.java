package org.jblktrace.btt.conformance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jblktrace.btt.BttMain;
import org.jblktrace.core.btt.BttContext;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.record.Blk;

/** Generated dumps and in-process runs of our btt for the tests outside this package. */
public final class TestDumps {
    private TestDumps() {
    }

    /** What a run of our btt left, as text. */
    public record Result(int status, String stdout, String stderr, Map<String, byte[]> files) {
    }

    public static byte[] generated(long seed, int ios, int oddPercent, boolean remaps, ByteOrder order) {
        return BttTraceGenerator.dump(seed, ios, oddPercent, remaps, Blk.VERSION_7, order);
    }

    public static byte[] generated(long seed, int ios, int version) {
        return BttTraceGenerator.dump(seed, ios, 10, true, version, ByteOrder.LITTLE_ENDIAN);
    }

    /** A short trace whose processes include one named {@code name}. */
    public static byte[] withProcessName(String name, int pid) {
        DumpBuilder b = new DumpBuilder(Blk.VERSION_7, ByteOrder.LITTLE_ENDIAN);
        b.process(0, pid, name);
        new BttTraceGenerator(5, b).generate(50, 1000, 0, false);
        for (long t = 10; t < 200_000; t += 50_000) {
            b.add(t, BttTraceGenerator.SDA, 0, 1 << 24, 4096, Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE), pid);
        }
        return b.build();
    }

    /** Our btt in-process in working directory {@code dir}, stdin {@code stdin}. */
    public static Result ours(Compat compat, Path dir, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            BttContext ctx = new BttContext("btt", new ByteArrayInputStream(stdin), out, errStream, dir);
            Map<String, String> env = compat.release == null ? Map.of() : Map.of(Compat.ENVIRONMENT, compat.release);
            status = BttMain.run(args, ctx, env);
        }
        try {
            return new Result(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8),
                    BttRunner.snapshot(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian's btt of {@code release} against ours on {@code dump}: null when they agree. */
    public static String compareWithReference(org.jblktrace.core.ReferenceTools.Release release, Path work, Path dump,
                                              java.util.List<String> options) throws IOException {
        return BttRunner.compare(release, work, dump, options);
    }

    public static Result ours(Compat compat, Path dir, String... args) {
        return ours(compat, dir, new byte[0], args);
    }
}
