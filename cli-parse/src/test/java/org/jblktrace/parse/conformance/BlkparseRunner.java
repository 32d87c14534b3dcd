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
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.parse.ParseContext;
import org.jblktrace.parse.BlkparseMain;

/**
 * Runs a reference blkparse as a process and ours in-process, the same way: same working
 * directory layout, same argv[0] (so that usage and -V texts can match), same time zone.
 */
final class BlkparseRunner {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The argv[0] of runs that are not compared with a reference. */
    static final String ARGV0 = "blkparse";

    private BlkparseRunner() {
    }

    /**
     * Runs REFERENCE with cwd {@code dir}, stdout and stderr redirected to files (so stdout is
     * not a terminal), stdin from {@code stdin} or /dev/null and TZ set to the JVM's zone so
     * that %z and the 1.3.0 start line agree. The heap is left as a user's run has it: what
     * blkparse 1.2.0 prints from uninitialised memory is part of what ours reproduces.
     */
    static BlkparseRun reference(Reference reference, Path dir, List<String> args, Path stdin) {
        return reference(reference, dir, args, stdin, false);
    }

    /**
     * As {@link #reference(Reference, Path, List, Path)}; with {@code terminal} stdout is a
     * pseudo-terminal provided by script(1), with output post-processing off so that its bytes
     * arrive unchanged.
     */
    static BlkparseRun reference(Reference reference, Path dir, List<String> args, Path stdin, boolean terminal) {
        return reference(reference, dir, args, stdin, terminal, Map.of());
    }

    /** As {@link #reference(Reference, Path, List, Path, boolean)}, with {@code environment} added. */
    static BlkparseRun reference(Reference reference, Path dir, List<String> args, Path stdin, boolean terminal,
                                 Map<String, String> environment) {
        try {
            Path out = Files.createTempFile(dir.getParent(), "ref", ".out");
            Path err = Files.createTempFile(dir.getParent(), "ref", ".err");
            String input = stdin != null ? stdin.toString() : "/dev/null";
            List<String> command = new ArrayList<>();
            command.add(reference.tool().toString());
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
            pb.environment().remove("MALLOC_PERTURB_");
            pb.environment().remove("GLIBC_TUNABLES");
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(reference + " timed out: " + String.join(" ", args));
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

    /** Runs our blkparse in-process in the default mode, with argv[0] "blkparse". */
    static BlkparseRun ours(Path dir, List<String> args, Path stdin) {
        return ours(Compat.CURRENT, ARGV0, dir, args, stdin, false);
    }

    /** Runs our blkparse in {@code mode} the way {@code reference} was run. */
    static BlkparseRun ours(Compat mode, Reference reference, Path dir, List<String> args, Path stdin,
                            boolean terminal) {
        return ours(mode, reference.tool().toString(), dir, args, stdin, terminal);
    }

    /**
     * Runs our blkparse in-process with working directory {@code dir}, under a timeout; a compat
     * mode is chosen the way btrace chooses it, through JBLKTRACE_COMPAT.
     */
    static BlkparseRun ours(Compat mode, String argv0, Path dir, List<String> args, Path stdin, boolean terminal) {
        Map<String, String> environment = mode == Compat.CURRENT ? Map.of() : Map.of(Compat.ENVIRONMENT, mode.release);
        return assertTimeoutPreemptively(TIMEOUT, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status;
            try (InputStream in = stdin != null ? Files.newInputStream(stdin) : new ByteArrayInputStream(new byte[0]);
                 PrintStream errStream = new PrintStream(err, true, StandardCharsets.ISO_8859_1)) {
                ParseContext ctx = new ParseContext(in, out, errStream, terminal, dir, environment);
                status = BlkparseMain.run(argv0, args.toArray(new String[0]), ctx);
            }
            return new BlkparseRun(status, out.toByteArray(), err.toByteArray(), snapshot(dir));
        }, () -> "our blkparse (" + mode + ") did not finish within " + TIMEOUT + ": " + String.join(" ", args));
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
