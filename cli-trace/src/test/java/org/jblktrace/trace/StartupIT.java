package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jblktrace.core.ProcessOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up of the launchers: scripts/cds-archives in an installed copy of the tools, and what
 * blktrace loads for -V. Bound to the package phase: it needs the packaged jars of both tools.
 */
class StartupIT {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private ProcessOutcome run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        return ProcessOutcome.run(dir, environment, List.of(command));
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
        for (String part : new String[] {"scripts/blkparse", "scripts/blktrace", "scripts/cds-archives", "docs/sample",
                "cli-parse/target/cli-parse.jar", "cli-parse/target/lib", "cli-trace/target/cli-trace.jar",
                "cli-trace/target/lib"}) {
            copy(CHECKOUT.resolve(part), root.resolve(part));
        }
        return root;
    }

    private List<ProcessOutcome> blktraceOutcomes(Path root) throws Exception {
        String launcher = root.resolve("scripts/blktrace").toString();
        List<ProcessOutcome> outcomes = new ArrayList<>();
        for (String[] command : List.of(new String[] {launcher, "-V"}, new String[] {launcher, "-x"},
                new String[] {launcher, "-d", "/dev/null"})) {
            outcomes.add(run(Map.of(), command));
        }
        return outcomes;
    }

    @Test
    void cdsArchivesRecordsUsableArchivesForAnInstalledCopy() throws Exception {
        Path installed = installedCopy();
        List<ProcessOutcome> withoutArchive = blktraceOutcomes(installed);
        assertEquals(new ProcessOutcome(0, "", ""), run(Map.of(), installed.resolve("scripts/cds-archives").toString()));
        for (String archive : new String[] {"cli-parse/target/blkparse.jsa", "cli-trace/target/blktrace.jsa"}) {
            assertTrue(Files.size(installed.resolve(archive)) > 0, archive);
            assertFalse(Files.exists(installed.resolve(archive + ".tmp")), archive);
        }
        for (String tool : new String[] {"blkparse", "blktrace"}) {
            ProcessOutcome required = run(Map.of("JBLKTRACE_JAVA_OPTS", "-Xshare:on"),
                    installed.resolve("scripts/" + tool).toString(), "-V");
            assertEquals(0, required.status(), tool + " with its archive required: " + required);
        }
        assertEquals(withoutArchive, blktraceOutcomes(installed));

        // The training runs' classes come from the archives; classes generated at run time
        // (invokedynamic string concatenation would make dozens) cannot.
        assertAllFromArchive(installed, "scripts/blkparse", "-t", "-s", "-i", "sample", "-D",
                installed.resolve("docs/sample").toString(), "-o", "/dev/null");
        assertAllFromArchive(installed, "scripts/blktrace", "-r", "/sys/kernel/debug", "-d", "/dev/null");
    }

    private void assertAllFromArchive(Path root, String launcher, String... arguments) throws Exception {
        Path classes = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(root.resolve(launcher).toString()));
        command.addAll(List.of(arguments));
        run(Map.of("JBLKTRACE_JAVA_OPTS", "-Xlog:class+load:file=" + classes), command.toArray(String[]::new));
        List<String> notArchived = Files.readAllLines(classes).stream()
                .filter(line -> !line.contains("source: shared objects file")).toList();
        assertTrue(notArchived.stream().noneMatch(line -> line.contains("source: file:")), notArchived.toString());
        assertTrue(notArchived.stream().filter(line -> line.contains("__JVM_LookupDefineClass__")).count() <= 2,
                notArchived.toString());
    }

    @Test
    void cdsArchivesExplainsAMissingBuild() throws Exception {
        Path script = dir.resolve("checkout/scripts/cds-archives");
        copy(CHECKOUT.resolve("scripts/cds-archives"), script);
        ProcessOutcome outcome = run(Map.of(), script.toString());
        assertEquals(1, outcome.status());
        assertEquals("", outcome.stdout());
        assertTrue(outcome.stderr().startsWith(script + ": could not record the blkparse archive "), outcome.stderr());
        assertTrue(outcome.stderr().contains(": could not record the blktrace archive "), outcome.stderr());
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
