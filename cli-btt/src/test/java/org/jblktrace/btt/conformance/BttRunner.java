package org.jblktrace.btt.conformance;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jblktrace.btt.BttMain;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.btt.BttContext;
import org.jblktrace.core.cli.Compat;

/** Runs Debian's btt of a release as a process and ours in-process in the matching mode, the same way. */
final class BttRunner {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private BttRunner() {
    }

    static Compat compat(Release release) {
        return release == Release.V1_2 ? Compat.V1_2 : Compat.V1_3;
    }

    /** Debian's btt of {@code release} with working directory {@code dir}. */
    static BttRun reference(Release release, Path dir, List<String> args, Path stdin) {
        Path tool = ReferenceTools.tool(release, "btt");
        try {
            Path out = Files.createTempFile(dir.getParent(), "ref", ".out");
            Path err = Files.createTempFile(dir.getParent(), "ref", ".err");
            List<String> command = new ArrayList<>();
            command.add(tool.toString());
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(stdin != null ? stdin.toFile() : new java.io.File("/dev/null"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("MALLOC_PERTURB_", "165");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("reference btt timed out: " + String.join(" ", args));
            }
            BttRun run = new BttRun(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err), snapshot(dir));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Our btt in-process in {@code compat} mode (as JBLKTRACE_COMPAT sets it), with working
     * directory {@code dir}, called by the reference's path so that usage and -V texts can match.
     */
    static BttRun ours(Compat compat, Path dir, List<String> args, Path stdin) {
        String argv0 = ReferenceTools.tool(compat == Compat.V1_2 ? Release.V1_2 : Release.V1_3, "btt").toString();
        return assertTimeoutPreemptively(TIMEOUT, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status;
            try (InputStream in = stdin != null ? Files.newInputStream(stdin) : new ByteArrayInputStream(new byte[0]);
                 PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                BttContext ctx = new BttContext(argv0, in, out, errStream, dir);
                Map<String, String> env = compat.release == null ? Map.of() : Map.of(Compat.ENVIRONMENT, compat.release);
                status = BttMain.run(args.toArray(new String[0]), ctx, env);
            }
            return new BttRun(status, out.toByteArray(), err.toByteArray(), snapshot(dir));
        }, () -> "our btt did not finish within " + TIMEOUT + ": " + String.join(" ", args));
    }

    /** Every regular file under {@code dir}, by path relative to it. */
    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    /**
     * Both tools on {@code dump} in fresh directories under {@code work}; null when they agree,
     * else the first difference.
     */
    static String compare(Release release, Path work, Path dump, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("-i", dump.toString()));
        args.addAll(options);
        Path refDir = Files.createTempDirectory(work, "ref");
        Path ourDir = Files.createTempDirectory(work, "ours");
        BttRun expected = reference(release, refDir, args, null).withClockMasked();
        BttRun actual = ours(compat(release), ourDir, args, null).withClockMasked();
        if (expected.status() > 128 && expected.status() != 141) {
            // The C tool died of a signal (crafted values such as huge-values crash it): there is
            // nothing to match, but ours must finish on its own terms.
            boolean clean = (actual.status() == 0 || actual.status() == 1) && !actual.stderrText().contains("internal error");
            return clean ? null : "btt " + release.name + " " + String.join(" ", args) + ": the reference crashed and ours "
                    + "ended with status " + actual.status() + ": " + actual.stderrText();
        }
        String difference = expected.firstDifference(actual);
        return difference == null ? null : "btt " + release.name + " " + String.join(" ", args) + ": " + difference;
    }
}
