package org.jblktrace.parse.conformance;

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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.parse.BlkparseMain;

/** Runs Debian's blkparse as a process and ours in-process, the same way. */
final class BlkparseRunner {
    static final Path REFERENCE = Path.of("/usr/bin/blkparse");
    /** Both tools see this as argv[0], so that usage and -V text can match. */
    static final String ARGV0 = REFERENCE.toString();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BlkparseRunner() {
    }

    /** Fails (never skips) when the reference tool is not installed. */
    static void requireReference() {
        if (!Files.isExecutable(REFERENCE)) {
            fail(REFERENCE + " is missing: install the Debian package 'blktrace' (apt-get install blktrace)"
                + " to run the conformance suite");
        }
    }

    /**
     * Runs /usr/bin/blkparse with cwd {@code dir}, stdout and stderr redirected to files (so
     * stdout is not a terminal), stdin from {@code stdin} or /dev/null, TZ set to the JVM's
     * zone so that %z agrees, and glibc's MALLOC_PERTURB_ set.
     */
    static BlkparseRun reference(Path dir, List<String> args, Path stdin) {
        return reference(dir, args, stdin, false);
    }

    /**
     * As {@link #reference(Path, List, Path)}; with {@code terminal} stdout is a pseudo-terminal
     * provided by script(1), with output post-processing off so that its bytes arrive unchanged.
     */
    static BlkparseRun reference(Path dir, List<String> args, Path stdin, boolean terminal) {
        try {
            Path out = Files.createTempFile(dir.getParent(), "ref", ".out");
            Path err = Files.createTempFile(dir.getParent(), "ref", ".err");
            String input = stdin != null ? stdin.toString() : "/dev/null";
            List<String> command = new ArrayList<>();
            command.add(ARGV0);
            command.addAll(args);
            ProcessBuilder pb;
            if (terminal) {
                String shell = "stty -onlcr; exec " + String.join(" ", Invocation.quoted(command))
                    + " 2>" + Invocation.quoted(List.of(err.toString())).get(0)
                    + " <" + Invocation.quoted(List.of(input)).get(0);
                pb = new ProcessBuilder("script", "-qec", shell, "/dev/null")
                    .redirectInput(new java.io.File("/dev/null")).redirectError(ProcessBuilder.Redirect.INHERIT);
            } else {
                pb = new ProcessBuilder(command).redirectInput(new java.io.File(input)).redirectError(err.toFile());
            }
            pb.directory(dir.toFile()).redirectOutput(out.toFile());
            pb.environment().put("TZ", ZoneId.systemDefault().getId());
            pb.environment().remove("LOCPATH");
            // Fill fresh heap blocks with a pattern: should a case ever make the reference read
            // uninitialised memory, it then prints conspicuous garbage instead of a lucky zero.
            pb.environment().put("MALLOC_PERTURB_", "165");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("reference blkparse timed out: " + String.join(" ", args));
            }
            BlkparseRun run = new BlkparseRun(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err), snapshot(dir));
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

    /** Runs our blkparse in-process with working directory {@code dir}, under a timeout. */
    static BlkparseRun ours(Path dir, List<String> args, Path stdin) {
        return ours(dir, args, stdin, false);
    }

    /** As {@link #ours(Path, List, Path)}, telling our blkparse whether stdout is a terminal. */
    static BlkparseRun ours(Path dir, List<String> args, Path stdin, boolean terminal) {
        return assertTimeoutPreemptively(TIMEOUT, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status;
            try (InputStream in = stdin != null ? Files.newInputStream(stdin) : new ByteArrayInputStream(new byte[0]);
                 PrintStream errStream = new PrintStream(err, true, StandardCharsets.ISO_8859_1)) {
                ParseContext ctx = new ParseContext(in, out, errStream, terminal, dir);
                status = BlkparseMain.run(ARGV0, args.toArray(new String[0]), ctx);
            }
            return new BlkparseRun(status, out.toByteArray(), err.toByteArray(), snapshot(dir));
        }, () -> "our blkparse did not finish within " + TIMEOUT + ": " + String.join(" ", args));
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
}
