package org.jblktrace.btt;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.jblktrace.btt.conformance.TestDumps;
import org.jblktrace.core.cli.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the dump reader and the engine: a valid dump with fields of its records
 * changed (times, sectors, sizes, actions, devices, pids, payloads, lengths), bytes flipped
 * and the end cut. Every run must end with status 0 or 1, within seconds, without a stack
 * trace or an internal error. The suite runs a short round; a longer one:
 * {@code mvn -pl cli-btt -am verify -Dtest=FuzzTest -Dbtt.fuzz.runs=20000 -Dbtt.fuzz.seed=N}.
 */
class FuzzTest {
    private static final String[] OPTIONS = {"-A", "-o", "o", "-X", "-I", "i", "-l", "l", "-L", "0.001",
        "-s", "s", "-m", "m", "-p", "p", "-P", "p", "-q", "q", "-Q", "q", "-u", "u", "-z", "z", "-Z", "-B", "b",
        "--percentiles", "--json=j.json"};

    @TempDir
    Path work;

    @Test
    void mutatedDumpsEndCleanly() throws IOException {
        int runs = Integer.getInteger("btt.fuzz.runs", 100);
        long seed = Long.getLong("btt.fuzz.seed", 20261205L);
        byte[] good = TestDumps.generated(31, 120, 30, true, ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(seed);
        for (int i = 0; i < runs; i++) {
            byte[] dump = mutate(good, random);
            Path dir = Files.createDirectory(work.resolve("run" + i));
            Path file = work.resolve("run" + i + ".dump");
            Files.write(file, dump);
            String[] args = new String[OPTIONS.length + 2];
            args[0] = "-i";
            args[1] = file.toString();
            System.arraycopy(OPTIONS, 0, args, 2, OPTIONS.length);
            Compat compat = Compat.values()[random.nextInt(Compat.values().length)];
            int run = i;
            TestDumps.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> TestDumps.ours(compat, dir, args),
                    () -> "run " + run + " of seed " + seed + " did not finish");
            String what = "run " + run + " of seed " + seed + " (" + compat + "): status " + r.status() + ", stderr " + r.stderr();
            assertTrue(r.status() == 0 || r.status() == 1, what);
            assertTrue(!r.stderr().contains("internal error") && !r.stderr().contains("Exception")
                    && !r.stderr().contains("\tat "), what);
            delete(dir);
            Files.delete(file);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Record starts of a little-endian version 7 dump. */
    private static int[] records(byte[] dump) {
        ByteBuffer b = ByteBuffer.wrap(dump).order(ByteOrder.LITTLE_ENDIAN);
        int[] starts = new int[dump.length / 48 + 1];
        int n = 0;
        for (int p = 0; p + 48 <= dump.length; p += 48 + (b.getShort(p + 46) & 0xFFFF)) {
            starts[n++] = p;
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    private static byte[] mutate(byte[] good, Random random) {
        byte[] d = good.clone();
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        int[] starts = records(d);
        int changes = 1 + random.nextInt(12);
        for (int c = 0; c < changes; c++) {
            int at = starts[random.nextInt(starts.length)];
            switch (random.nextInt(11)) {
                case 0 -> b.putLong(at + 8, random.nextInt(4) == 0 ? random.nextLong() : b.getLong(at + 8) - random.nextInt(1_000_000));
                case 1 -> b.putLong(at + 16, random.nextInt(3) == 0 ? -1L - random.nextInt(100) : random.nextLong() >>> random.nextInt(64));
                case 2 -> b.putInt(at + 24, random.nextInt(3) == 0 ? random.nextInt(512) : random.nextInt());
                case 3 -> b.putInt(at + 28, (random.nextInt(21)) | (random.nextInt() & 0xFFFF0000));
                case 4 -> b.putInt(at + 32, random.nextInt(3) == 0 ? -1 : random.nextInt(5000));
                case 5 -> b.putInt(at + 36, random.nextInt(2) == 0 ? random.nextInt() : (253 << 20) | random.nextInt(4));
                case 6 -> {
                    int len = b.getShort(at + 46) & 0xFFFF;
                    for (int i = 0; i < len; i++) {
                        d[at + 48 + i] = (byte) random.nextInt();
                    }
                }
                case 7 -> b.putShort(at + 46, (short) random.nextInt(random.nextInt(3) == 0 ? 65536 : 64));
                case 8 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                case 9 -> b.putInt(at + 28, random.nextBoolean() ? 0x65617407 : 0);
                default -> {
                    // Dropped or cut: the end of the dump, or a whole record.
                    int cut = starts[random.nextInt(starts.length)] + random.nextInt(60);
                    return java.util.Arrays.copyOf(d, Math.min(cut, d.length));
                }
            }
        }
        return d;
    }
}
