package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jblktrace.core.JavaRuntimes;
import org.jblktrace.core.ProcessOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up of the launchers: scripts/cds-archives in an installed copy of the tools on every Java
 * runtime under test ({@link JavaRuntimes#underTest}: scripts/test lists Debian 12's 17 on the
 * host, Debian 13's 21 and 25 in its chroot), and what blktrace loads for -V. Bound to the
 * package phase: it needs the packaged jars of both tools.
 */
class StartupIT {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** Runs COMMAND on the runtime running the tests, unless ENVIRONMENT names another JAVA_HOME. */
    private ProcessOutcome run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        Map<String, String> withJava = new HashMap<>(environment);
        withJava.putIfAbsent("JAVA_HOME", JavaRuntimes.current().toString());
        return ProcessOutcome.run(dir, withJava, List.of(command));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (Files.isDirectory(from)) {
            Files.createDirectories(to);
            try (Stream<Path> entries = Files.list(from)) {
                for (Path entry : entries.toList()) {
                    copy(entry, to.resolve(entry.getFileName()));
                }
            }
        } else {
            Files.copy(from, to);
        }
    }

    /** The launchers, the sample trace and the packaged tools, as an installation lays them out. */
    private Path installedCopy() throws IOException {
        Path root = dir.resolve("installed");
        for (String part : new String[] {"scripts/blkparse", "scripts/blktrace", "scripts/btrace", "scripts/btt",
                "scripts/launcher.sh", "scripts/cds-archives", "docs/sample", "cli-parse/target/cli-parse.jar",
                "cli-parse/target/lib", "cli-parse/target/jna", "cli-trace/target/cli-trace.jar", "cli-trace/target/lib",
                "cli-trace/target/jna", "cli-trace/src/main/cds/blktrace.classlist", "cli-btt/target/cli-btt.jar",
                "cli-btt/target/lib", "cli-btt/target/jna"}) {
            copy(CHECKOUT.resolve(part), root.resolve(part));
        }
        return root;
    }

    /**
     * What the tools do on the runtime at HOME: blkparse on the sample trace and on a bad option,
     * blktrace's version, a bad option and a refused device, and btrace on a missing device.
     */
    private List<ProcessOutcome> outcomes(Path root, Path home) throws Exception {
        String blkparse = root.resolve("scripts/blkparse").toString();
        String blktrace = root.resolve("scripts/blktrace").toString();
        List<ProcessOutcome> outcomes = new ArrayList<>();
        for (String[] command : List.of(
                new String[] {blkparse, "-t", "-s", "-i", "sample", "-D", root.resolve("docs/sample").toString()},
                new String[] {blkparse, "-x"}, new String[] {blktrace, "-V"}, new String[] {blktrace, "-x"},
                new String[] {blktrace, "-d", "/dev/null"},
                new String[] {root.resolve("scripts/btrace").toString(), "/nonexistent"})) {
            outcomes.add(run(Map.of("JAVA_HOME", home.toString()), command));
        }
        return outcomes;
    }

    /** The archives of the launchers for the runtime at HOME. */
    private static List<Path> archives(Path root, Path home) {
        return List.of(JavaRuntimes.cdsArchive(root, "cli-parse", "blkparse", home),
                JavaRuntimes.cdsArchive(root, "cli-trace", "blktrace", home),
                JavaRuntimes.cdsArchive(root, "cli-btt", "btt", home));
    }

    /**
     * Whether the launchers on the runtime at HOME load our classes from their archives: only
     * the launcher's archive can hold them (recorded over the runtime's own archive, "top", or
     * dumped whole for blktrace). (-Xshare:on proves less: Java 17 maps its own archive and
     * starts when the launcher's comes from Java 25.)
     */
    private boolean archivesMap(Path root, Path home) throws Exception {
        Path classes = dir.resolve("classes.log");
        for (String tool : new String[] {"blkparse", "blktrace", "btt"}) {
            ProcessOutcome outcome = run(Map.of("JAVA_HOME", home.toString(), "JBLKTRACE_JAVA_OPTS",
                    "-Xlog:class+load:file=" + classes), root.resolve("scripts/" + tool).toString(), "-V");
            assertEquals(0, outcome.status(), outcome.toString());
            if (Files.readAllLines(classes).stream().noneMatch(line -> line.contains(" org.jblktrace.")
                    && line.contains("source: shared objects file"))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void cdsArchivesRecordsUsableArchivesOnEveryRuntime() throws Exception {
        Path installed = installedCopy();
        List<ProcessOutcome> withoutArchive = outcomes(installed, JavaRuntimes.current());
        assertEquals(0, withoutArchive.get(0).status(), withoutArchive.get(0).toString());
        for (Path home : JavaRuntimes.underTest()) {
            assertEquals(withoutArchive, outcomes(installed, home), home + " without archives");
            assertEquals(new ProcessOutcome(0, "", ""),
                    run(Map.of("JAVA_HOME", home.toString()), installed.resolve("scripts/cds-archives").toString()));
            for (Path archive : archives(installed, home)) {
                assertTrue(Files.size(archive) > 0, archive.toString());
                assertFalse(Files.exists(archive.resolveSibling(archive.getFileName() + ".tmp")), archive.toString());
            }
            assertTrue(archivesMap(installed, home), home + "'s archives are used");
            assertEquals(withoutArchive, outcomes(installed, home), home + " with its archives");

            // The training runs' classes come from the archives; classes generated at run time
            // (invokedynamic string concatenation would make dozens) cannot.
            assertAllFromArchive(installed, home, "scripts/blkparse", "-t", "-s", "-i", "sample", "-D",
                    installed.resolve("docs/sample").toString(), "-o", "/dev/null");
            assertAllFromArchive(installed, home, "scripts/blktrace", "-r", "/sys/kernel/debug", "-d", "/dev/null");
        }
    }

    /**
     * An archive another runtime recorded, where the launchers look for this runtime's (as after
     * a runtime updated in place), is ignored without a word: the tools behave as without one.
     */
    @Test
    void anotherRuntimesArchiveChangesNothingButSpeed() throws Exception {
        Path installed = installedCopy();
        List<Path> runtimes = JavaRuntimes.underTest();
        List<ProcessOutcome> withoutArchive = outcomes(installed, runtimes.get(0));
        // Each runtime's own archives, kept aside since the planting below overwrites them.
        Map<Path, List<Path>> recorded = new HashMap<>();
        for (Path recorder : runtimes) {
            run(Map.of("JAVA_HOME", recorder.toString()), installed.resolve("scripts/cds-archives").toString());
            List<Path> kept = new ArrayList<>();
            for (Path archive : archives(installed, recorder)) {
                kept.add(Files.copy(archive, Files.createDirectories(dir.resolve("recorded"))
                        .resolve(archive.getFileName())));
            }
            recorded.put(recorder, kept);
        }
        for (Path recorder : runtimes) {
            for (Path runner : runtimes) {
                if (recorder.equals(runner)) {
                    continue;
                }
                for (int i = 0; i < 2; i++) {
                    Files.copy(recorded.get(recorder).get(i), archives(installed, runner).get(i),
                            StandardCopyOption.REPLACE_EXISTING);
                }
                String what = recorder + "'s archives on " + runner;
                assertFalse(archivesMap(installed, runner), what + " are not used");
                assertEquals(withoutArchive, outcomes(installed, runner), what);
            }
        }
    }

    private void assertAllFromArchive(Path root, Path home, String launcher, String... arguments) throws Exception {
        Path classes = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(root.resolve(launcher).toString()));
        command.addAll(List.of(arguments));
        run(Map.of("JAVA_HOME", home.toString(), "JBLKTRACE_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
                command.toArray(String[]::new));
        List<String> notArchived = Files.readAllLines(classes).stream()
                .filter(line -> !line.contains("source: shared objects file")).toList();
        assertTrue(notArchived.stream().noneMatch(line -> line.contains("source: file:")), notArchived.toString());
        // A few method-handle forms for JNA's proxy: two on Java 17, seven on 21, six on 25.
        assertTrue(notArchived.stream().filter(line -> line.contains("__JVM_LookupDefineClass__")).count() <= 8,
                notArchived.toString());
    }

    @Test
    void cdsArchivesExplainsAMissingBuild() throws Exception {
        Path script = dir.resolve("checkout/scripts/cds-archives");
        copy(CHECKOUT.resolve("scripts/cds-archives"), script);
        copy(CHECKOUT.resolve("scripts/launcher.sh"), script.resolveSibling("launcher.sh"));
        ProcessOutcome outcome = run(Map.of(), script.toString());
        assertEquals(1, outcome.status());
        assertEquals("", outcome.stdout());
        assertTrue(outcome.stderr().startsWith(script + ": could not make the blkparse archive "), outcome.stderr());
        assertTrue(outcome.stderr().contains(": could not make the blktrace archive "), outcome.stderr());
    }

    /**
     * A run that needs the C library starts JNA without a child process: left to itself, JNA
     * runs {@code ldconfig -p} when it first loads a library.
     */
    @Test
    void nativeLibraryLoadsWithoutRunningAProcess() throws Exception {
        Path classes = dir.resolve("classes.log");
        ProcessOutcome outcome = run(Map.of("JBLKTRACE_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
                CHECKOUT.resolve("scripts/blktrace").toString(), "-r", "/sys/kernel/debug", "-d", "/dev/null");
        assertEquals(1, outcome.status(), outcome.toString());
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("com.sun.jna.NativeLibrary "), "the C library was not loaded: " + outcome);
        // Every process a JVM starts goes through ProcessBuilder; ProcessImpl alone proves nothing,
        // since Java 25 loads it with the environment.
        assertFalse(loaded.contains("java.lang.ProcessBuilder "), "JNA ran a process to find the C library");
        // JNA's native part comes from where the build unpacked it: unpacking it from its jar
        // into a temporary file would start the secure random numbers that name the file.
        assertFalse(loaded.contains("sun.security.provider.NativePRNG "), "JNA unpacked its native part");
    }

    /** blktrace's JIT waits for ten times the usual calls: compiling start-up code was a fifth of a short trace's CPU. */
    @Test
    void blktraceCompilesOnlyWhatRunsOften() throws Exception {
        ProcessOutcome outcome = run(Map.of("JBLKTRACE_JAVA_OPTS", "-XX:+PrintFlagsFinal"),
                CHECKOUT.resolve("scripts/blktrace").toString(), "-V");
        assertEquals(0, outcome.status(), outcome.toString());
        assertTrue(outcome.stdout().lines()
                .anyMatch(line -> line.matches("\\s*double CompileThresholdScaling\\s+= 10\\.0+ .*")), outcome.stdout());
    }

    @Test
    void versionLoadsNoNativeLibrary() throws Exception {
        Path classes = dir.resolve("classes.log");
        ProcessOutcome outcome = run(Map.of("JBLKTRACE_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
                CHECKOUT.resolve("scripts/blktrace").toString(), "-V");
        assertEquals(0, outcome.status(), outcome.toString());
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("org.jblktrace.trace.BlktraceCommand"), loaded);
        // JNA's exception class is loaded to verify a catch clause; its native part must not be.
        assertFalse(loaded.contains("com.sun.jna.Native"), "JNA's native library loaded for -V");
    }
}
