package org.jblktrace.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.cli.Compat;

/**
 * Runs Debian's blkparse of each selected release ({@link ReferenceTools#selected()}) and our
 * engine in that release's compat mode on the same arguments and input and compares stdout,
 * stderr and exit status. The argument translation covers what these tests use; the real
 * command-line front end is another module.
 */
final class Harness {
    /** A custom format of every field, for tests that are about the engine rather than the default lines. */
    static final String FORMAT = "%D %2c %8s %5T.%9t %5p %2a %S %n %N %e [%C] %-4p|\\n";

    record Result(byte[] stdout, String stderr, int status) {
        String out() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }
    }

    private Harness() {
    }

    static Result reference(Release release, Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
        return reference(release, dir, null, stdin, args);
    }

    /** With {@code locPath} as the reference's LOCPATH (null: unset). */
    static Result reference(Release release, Path dir, String locPath, byte[] stdin, String... args)
        throws IOException, InterruptedException {
        ProcessBuilder pb = referenceProcess(release, dir, args);
        pb.environment().remove("LOCPATH");
        if (locPath != null) {
            pb.environment().put("LOCPATH", locPath);
        }
        // A regular file on stdin makes every pipe-mode batch full, as our in-memory stdin does.
        Path in = Files.createTempFile("blkparse-stdin", ".bin");
        Files.write(in, stdin == null ? new byte[0] : stdin);
        pb.redirectInput(in.toFile());
        Process p = pb.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        errReader.start();
        byte[] out = p.getInputStream().readAllBytes();
        int status = p.waitFor();
        errReader.join();
        Files.delete(in);
        return new Result(out, err.toString(StandardCharsets.ISO_8859_1), status);
    }

    /**
     * The reference called "blkparse" through PATH, as a user calls it, so that the program name
     * in its messages is that one. env(1) makes the search, as Java searches its own PATH.
     */
    private static ProcessBuilder referenceProcess(Release release, Path dir, String... args) {
        Path tool = ReferenceTools.tool(release, "blkparse");
        List<String> cmd = new ArrayList<>(List.of("env", "PATH=" + tool.getParent() + ":/usr/bin:/bin", "blkparse"));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }

    /** Ours in the default mode. */
    static Result ours(Path dir, byte[] stdin, String... args) {
        return ours(Compat.CURRENT, dir, Grouping.of(false), stdin, args);
    }

    static Result ours(Compat compat, Path dir, Grouping grouping, byte[] stdin, String... args) {
        ParseOptions opts = options(dir, args);
        opts.compat = compat;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin == null ? new byte[0] : stdin);
        ParseContext ctx = new ParseContext(in, out, new PrintStream(err, true, StandardCharsets.ISO_8859_1), false, dir);
        int status = new Blkparse(opts, ctx, grouping).run();
        return new Result(out.toByteArray(), err.toString(StandardCharsets.ISO_8859_1), status);
    }

    /**
     * Runs each selected reference and ours in its mode and asserts identical stdout, stderr and
     * status; returns ours of the last.
     */
    static Result same(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
        Result our = null;
        for (Release release : ReferenceTools.selected()) {
            Result ref = reference(release, dir, stdin, args);
            our = ours(release.compat, dir, Grouping.of(false), stdin, args);
            String what = " of " + String.join(" ", args) + " (blkparse " + release.name + ".0)";
            assertEquals(ref.out(), our.out(), "stdout" + what);
            assertEquals(ref.stderr(), our.stderr(), "stderr" + what);
            assertEquals(ref.status(), our.status(), "status" + what);
        }
        return our;
    }

    static Result same(Path dir, String... args) throws IOException, InterruptedException {
        return same(dir, null, args);
    }

    /** Like {@link #same} and also compares the files both runs wrote (removed after each run). */
    static Result sameFiles(Path dir, byte[] stdin, List<String> files, String... args)
        throws IOException, InterruptedException {
        Result our = null;
        for (Release release : ReferenceTools.selected()) {
            Result ref = reference(release, dir, stdin, args);
            List<byte[]> refFiles = collect(dir, files);
            our = ours(release.compat, dir, Grouping.of(false), stdin, args);
            List<byte[]> ourFiles = collect(dir, files);
            String what = " of " + String.join(" ", args) + " (blkparse " + release.name + ".0)";
            assertEquals(ref.out(), our.out(), "stdout" + what);
            assertEquals(ref.stderr(), our.stderr(), "stderr" + what);
            assertEquals(ref.status(), our.status(), "status" + what);
            for (int i = 0; i < files.size(); i++) {
                assertEquals(refFiles.get(i) == null, ourFiles.get(i) == null, "existence of " + files.get(i) + what);
                if (refFiles.get(i) != null) {
                    assertEquals(new String(refFiles.get(i), StandardCharsets.ISO_8859_1),
                        new String(ourFiles.get(i), StandardCharsets.ISO_8859_1), "content of " + files.get(i) + what);
                }
            }
        }
        return our;
    }

    private static List<byte[]> collect(Path dir, List<String> files) throws IOException {
        List<byte[]> list = new ArrayList<>();
        for (String f : files) {
            Path p = dir.resolve(f);
            list.add(Files.exists(p) ? Files.readAllBytes(p) : null);
            Files.deleteIfExists(p);
        }
        return list;
    }

    /** Runs each selected reference and ours with stderr merged into stdout, as {@code 2>&1} would, and compares. */
    static String sameMerged(Path dir, byte[] stdin, String... args) throws IOException, InterruptedException {
        String ref = null;
        for (Release release : ReferenceTools.selected()) {
            ProcessBuilder pb = referenceProcess(release, dir, args).redirectErrorStream(true);
            Path in = Files.createTempFile("blkparse-stdin", ".bin");
            Files.write(in, stdin == null ? new byte[0] : stdin);
            pb.redirectInput(in.toFile());
            Process p = pb.start();
            ref = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int refStatus = p.waitFor();
            Files.delete(in);

            ByteArrayOutputStream both = new ByteArrayOutputStream();
            ParseContext ctx = new ParseContext(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin), both,
                new PrintStream(both, true, StandardCharsets.ISO_8859_1), false, dir);
            ParseOptions opts = options(dir, args);
            opts.compat = release.compat;
            int status = new Blkparse(opts, ctx, Grouping.of(false)).run();
            String what = " of " + String.join(" ", args) + " (blkparse " + release.name + ".0)";
            assertEquals(ref, both.toString(StandardCharsets.ISO_8859_1), "merged output" + what);
            assertEquals(refStatus, status, "status" + what);
        }
        return ref;
    }

    /** Translates the blkparse arguments these tests use into options. */
    static ParseOptions options(Path dir, String... args) {
        ParseOptions o = new ParseOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-i": input(o, dir, args[++i]); break;
                case "-D": o.inputDir = args[++i]; break;
                case "-b": o.batch = Integer.parseInt(args[++i]); break;
                case "-t": o.trackIos = true; break;
                case "-s": o.perProcessStats = true; break;
                case "-q": o.perDeviceAndCpuStats = false; break;
                case "-h": o.hashByPid = false; break;
                case "-O": o.textOutput = false; break;
                case "-M": o.binaryOutputMessages = false; break;
                case "-v": o.verbose++; break;
                case "-o": o.outputName = args[++i]; break;
                case "-d": o.dumpBinary = args[++i]; break;
                case "--dump-version": o.dumpVersion = Integer.parseInt(args[++i]); break;
                case "-A": o.actMask = Integer.parseInt(args[++i], 16); break;
                case "-w": stopwatch(o, args[++i]); break;
                case "-f":
                    for (char c : "ABCDFGIMPQRSTUWX".toCharArray()) {
                        if (o.formats[c - 'A'] == null) {
                            o.formats[c - 'A'] = args[i + 1];
                        }
                    }
                    i++;
                    break;
                case "-F": o.formats[args[i + 1].charAt(0) - 'A'] = args[i + 1].substring(2); i++; break;
                default: input(o, dir, a); break;
            }
        }
        return o;
    }

    private static void input(ParseOptions o, Path dir, String name) {
        if (o.pipeName == null && (name.equals("-") || Files.isRegularFile(dir.resolve(name)) == false
            && Files.exists(dir.resolve(name)) && !Files.isDirectory(dir.resolve(name)))) {
            o.pipeName = name;
        } else {
            o.inputs.add(name);
        }
    }

    private static void stopwatch(ParseOptions o, String arg) {
        int colon = arg.indexOf(':');
        if (colon >= 0) {
            o.stopwatchStart = (long) (Double.parseDouble(arg.substring(0, colon)) * 1e9);
            o.stopwatchEnd = (long) (Double.parseDouble(arg.substring(colon + 1)) * 1e9);
        } else {
            o.stopwatchEnd = (long) (Double.parseDouble(arg) * 1e9);
        }
    }
}
