package org.jblktrace.parse.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.core.record.Blk;
import org.jblktrace.parse.BlkparseMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Bounded, seeded mutation fuzzing of our blkparse in file and pipe mode. For every mutated
 * trace: run() returns 0 or 1 (no exception escapes), within a time limit, without allocating
 * more than a fixed budget on its thread, and stderr carries no exception or stack trace.
 * A failing input is saved under target/fuzz-failures/ for replay.
 */
class FuzzTest {
    /** Longer campaigns: mvn -q -B -o test -pl cli-parse -am -Dtest=FuzzTest -Dfuzz.seed=7 -Dfuzz.cases=100000 -Dfuzz.seconds=900. */
    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 10_000);
    /** Stops early (reporting how far it got) so the default run stays under a minute. */
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("fuzz.seconds", 50L));
    private static final long CASE_TIMEOUT_SECONDS = 10;
    /** Per-case allocation ceiling on the run's thread; a healthy run of these small inputs needs ~5 MiB. */
    private static final long ALLOCATION_LIMIT = 64L << 20;
    private static final List<List<String>> OPTIONS = List.of(
        List.of(), List.of("-t"), List.of("-s", "-t"), List.of("-b", "1"), List.of("-d", "dump.bin"),
        List.of("-f", OptionMatrix.ALL_FIELDS), List.of("-q", "-s", "-h"), List.of("-v", "-t"),
        List.of("-w", "0.0001:0.0003"), List.of("-O", "-d", "dump.bin", "-M"), List.of("-F", "U,%U %u\\n", "-t"));

    private static ExecutorService worker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startWorker() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (Scenario s : List.of(Scenarios.fixture(), Scenarios.allActions(Blk.VERSION_7), Scenarios.allActions(Blk.VERSION_8),
            Scenarios.lifecycles("fuzz", 2, 40, 3, java.nio.ByteOrder.LITTLE_ENDIAN),
            Scenarios.lifecycles("fuzz-be", 2, 40, 4, java.nio.ByteOrder.BIG_ENDIAN),
            Scenarios.sequenceGaps(), Scenarios.hugeValues())) {
            seeds.add(s.trace().pipe());
            seeds.add(s.trace().files().values().iterator().next());
        }
        return seeds;
    }

    @Test
    void mutatedTracesNeverCrashHangOrExhaustMemory() throws Exception {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        Mutator mutator = new Mutator(SEED);
        long start = System.nanoTime();
        int done = 0;
        int parsed = 0;
        for (; done < CASES && System.nanoTime() - start < BUDGET_NANOS; done++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] donor = seeds.get(random.nextInt(seeds.size()));
            byte[] input = mutator.mutate(seed, donor);
            boolean pipe = random.nextBoolean();
            List<String> options = OPTIONS.get(random.nextInt(OPTIONS.size()));
            String description = "case " + done + " (" + (pipe ? "pipe" : "file") + ", options " + options + ", "
                + mutator.takeLog() + ")";
            if (runCase(done, input, pipe, options, description) == 0) {
                parsed++;
            }
        }
        System.out.println("FuzzTest: seed " + SEED + ", " + done + " cases in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms, " + parsed + " exited 0");
        // Most mutants still parse; if almost none does, the fuzzer is not reaching the parser.
        assertTrue(parsed > done / 4, "only " + parsed + " of " + done + " cases exited 0");
    }

    /** Runs one case and checks it; returns its exit status. */
    private int runCase(int index, byte[] input, boolean pipe, List<String> options, String description)
            throws IOException, InterruptedException {
        Path caseDir = Files.createDirectories(dir.resolve("case" + index));
        List<String> args = new ArrayList<>(options);
        if (pipe) {
            args.add("-i");
            args.add("-");
        } else {
            Files.write(caseDir.resolve("sda.blktrace.0"), input);
            args.add("-i");
            args.add("sda");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Future<long[]> result = worker.submit(() -> {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.ISO_8859_1)) {
                ParseContext ctx = new ParseContext(new ByteArrayInputStream(pipe ? input : new byte[0]),
                    OutputSink.INSTANCE, errStream, false, caseDir);
                int status = BlkparseMain.run(BlkparseRunner.ARGV0, args.toArray(new String[0]), ctx);
                return new long[] {status, threads.getCurrentThreadAllocatedBytes() - before};
            }
        });
        long[] outcome;
        try {
            outcome = result.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw failure(index, input, description + ": no result after " + CASE_TIMEOUT_SECONDS + " s", null);
        } catch (ExecutionException e) {
            throw failure(index, input, description + ": threw " + e.getCause(), e.getCause());
        }
        String stderr = err.toString(StandardCharsets.ISO_8859_1);
        if (outcome[0] != 0 && outcome[0] != 1) {
            throw failure(index, input, description + ": exit status " + outcome[0], null);
        }
        if (stderr.contains("Exception") || stderr.contains("\tat ") || stderr.contains("Error:")) {
            throw failure(index, input, description + ": stderr shows an exception:\n" + stderr, null);
        }
        if (outcome[1] > ALLOCATION_LIMIT) {
            throw failure(index, input, description + ": allocated " + (outcome[1] >> 20) + " MiB", null);
        }
        return (int) outcome[0];
    }

    /** Saves the input for replay and builds the failure to throw. */
    private static AssertionFailedError failure(int index, byte[] input, String message, Throwable cause) throws IOException {
        Path saved = Files.createDirectories(Path.of("target", "fuzz-failures")).resolve("case-" + index + ".bin");
        Files.write(saved, input);
        return new AssertionFailedError(message + "\ninput saved as " + saved.toAbsolutePath(), cause);
    }

    /** Discards stdout: only crashes, hangs and allocation matter here. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
