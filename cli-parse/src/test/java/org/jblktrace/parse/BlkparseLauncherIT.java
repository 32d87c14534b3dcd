package org.jblktrace.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jblktrace.core.JavaRuntimes;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.cli.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/blkparse end to end against the packaged jar; bound to the package phase
 * (see cli-parse/pom.xml) because it needs cli-parse/target/cli-parse.jar and its libraries.
 */
class BlkparseLauncherIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "blkparse").toAbsolutePath().normalize();
    private static final Path LAUNCHER = SCRIPT.resolveSibling("launcher.sh");

    @TempDir
    Path dir;

    /** Runs COMMAND on the runtime running the tests, unless ENVIRONMENT names another JAVA_HOME. */
    private static ProcessOutcome run(Path workingDir, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Map<String, String> withJava = new HashMap<>(environment);
        withJava.putIfAbsent("JAVA_HOME", JavaRuntimes.current().toString());
        return ProcessOutcome.run(workingDir, withJava, List.of(command));
    }

    @Test
    void versionPrintsTheNameAsInvoked() throws Exception {
        Path checkout = SCRIPT.getParent().getParent();
        assertEquals(new ProcessOutcome(0, "scripts/blkparse version 1.3.0\n", ""),
                run(checkout, Map.of(), "scripts/blkparse", "-V"));
        assertEquals(new ProcessOutcome(0, "scripts/blkparse version 1.2.0\n", ""),
                run(checkout, Map.of(Compat.ENVIRONMENT, "1.2"), "scripts/blkparse", "-V"));
    }

    @Test
    void worksThroughASymlinkAndMatchesReferenceErrors() throws Exception {
        Path ours = Files.createDirectory(dir.resolve("ours"));
        Files.createSymbolicLink(ours.resolve("bp"), SCRIPT);
        assertEquals(new ProcessOutcome(0, "./bp version 1.3.0\n", ""), run(ours, Map.of(), "./bp", "--version"));
        List<String[]> commands = List.of(new String[] {"./bp", "--ver"}, new String[] {"./bp", "-x"},
                new String[] {"./bp"}, new String[] {"./bp", "-w", "2:1"});
        for (Release release : ReferenceTools.selected()) {
            Path reference = Files.createDirectory(dir.resolve("reference-" + release.name));
            Files.createSymbolicLink(reference.resolve("bp"), ReferenceTools.tool(release, "blkparse"));
            Map<String, String> mode = Map.of(Compat.ENVIRONMENT, release.name);
            for (String[] command : commands) {
                assertEquals(run(reference, Map.of(), command), run(ours, mode, command),
                        String.join(" ", command) + " (blkparse " + release.name + ".0)");
            }
        }
    }

    @Test
    void nonAsciiArgumentsSurviveThePosixLocale() throws Exception {
        Files.createSymbolicLink(dir.resolve("bp\u00e9"), SCRIPT);
        Release release = ReferenceTools.selected().get(0);
        Files.createSymbolicLink(dir.resolve("ref\u00e9"), ReferenceTools.tool(release, "blkparse"));
        Map<String, String> posix = Map.of("LC_ALL", "C", "LANG", "");
        assertEquals(new ProcessOutcome(0, "./bp\u00e9 version 1.3.0\n", ""), run(dir, posix, "./bp\u00e9", "-V"));
        assertEquals(run(dir, posix, "./ref\u00e9", "-a", "\u00e9t\u00e9"),
                run(dir, with(posix, Compat.ENVIRONMENT, release.name), "./bp\u00e9", "-a", "\u00e9t\u00e9"));
    }

    @Test
    void usesJavaFromJavaHome() throws Exception {
        ProcessOutcome outcome = run(dir, Map.of("JAVA_HOME", dir.resolve("no-jdk").toString()), SCRIPT.toString(), "-V");
        assertEquals(new ProcessOutcome(1, "", SCRIPT + ": no Java runtime found: set JAVA_HOME or put java on PATH"
                + " (Debian: apt-get install default-jre-headless)\n"), outcome);
    }

    @Test
    void refusesJavaOlderThan17() throws Exception {
        // A runtime is known by its release file, as every JDK and JRE since 9 ships one.
        Path home = Files.createDirectories(dir.resolve("jdk-11/bin")).getParent();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"11.0.25\"\n");
        Path java = Files.writeString(home.resolve("bin/java"),
                "#!/bin/sh\nexec " + JavaRuntimes.current().resolve("bin/java") + " \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        ProcessOutcome outcome = run(dir, Map.of("JAVA_HOME", home.toString()), SCRIPT.toString(), "-V");
        assertEquals(new ProcessOutcome(1, "", SCRIPT + ": " + home.resolve("bin/java") + " is Java 11.0.25;"
                + " jblktrace needs Java 17 or newer: set JAVA_HOME to one (Debian 12 and newer:"
                + " apt-get install default-jre-headless)\n"), outcome);
    }

    @Test
    void explainsAMissingBuild() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("checkout/scripts")).resolve("blkparse");
        Files.copy(SCRIPT, copy);
        Files.copy(LAUNCHER, copy.resolveSibling(LAUNCHER.getFileName()));
        ProcessOutcome outcome = run(dir, Map.of(), copy.toString(), "-V");
        assertEquals(1, outcome.status());
        assertTrue(outcome.stderr().endsWith("cli-parse.jar is missing; build with: mvn -q -B package -DskipTests\n"),
                outcome.stderr());
    }

    /** A copy of the launcher with the packaged jar and libraries, as an installation has them. */
    private Path installedCopy(String name) throws IOException {
        Path checkout = SCRIPT.getParent().getParent();
        Path root = dir.resolve(name);
        Path target = Files.createDirectories(root.resolve("cli-parse/target/lib"));
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(SCRIPT, root.resolve("scripts/blkparse"));
        Files.copy(LAUNCHER, root.resolve("scripts").resolve(LAUNCHER.getFileName()));
        Files.copy(checkout.resolve("cli-parse/target/cli-parse.jar"), target.resolveSibling("cli-parse.jar"));
        try (Stream<Path> libraries = Files.list(checkout.resolve("cli-parse/target/lib"))) {
            for (Path library : libraries.toList()) {
                Files.copy(library, target.resolve(library.getFileName()));
            }
        }
        return root;
    }

    /** The outcomes of a usage error, -V and a parse of the sample trace with per-program statistics. */
    private List<ProcessOutcome> outcomes(Path root, Map<String, String> environment) throws Exception {
        String launcher = root.resolve("scripts/blkparse").toString();
        String sample = SCRIPT.getParent().getParent().resolve("docs/sample").toString();
        List<ProcessOutcome> outcomes = new ArrayList<>();
        for (String[] command : List.of(new String[] {launcher, "-x"}, new String[] {launcher, "-V"},
                new String[] {launcher, "-t", "-s", "-q", "-i", "sample", "-D", sample})) {
            outcomes.add(run(dir, environment, command));
        }
        return outcomes;
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return more;
    }

    /** The launcher's archive for the runtime running the tests. */
    private static Path archive(Path root) {
        return JavaRuntimes.cdsArchive(root, "cli-parse", "blkparse", JavaRuntimes.current());
    }

    /** Has the launcher record its archive, as scripts/cds-archives does, during a -V run. */
    private Path record(Path root) throws Exception {
        Path archive = archive(root);
        String launcher = root.resolve("scripts/blkparse").toString();
        ProcessOutcome recording = run(dir, Map.of("JBLKTRACE_CDS_RECORD", archive.toString()), launcher, "-V");
        assertEquals(new ProcessOutcome(0, launcher + " version 1.3.0\n", ""), recording);
        assertTrue(Files.size(archive) > 0);
        return archive;
    }

    /**
     * Whether the launcher maps its archive: the JVM logs our classes as loaded from the "top"
     * shared file, the launcher's archive over the runtime's own. (-Xshare:on proves less: Java
     * 21 starts with it when it rejects the launcher's archive and maps only its own.)
     */
    private boolean archiveUsed(Path root) throws Exception {
        Path classes = dir.resolve("classes.log");
        ProcessOutcome outcome = run(dir, Map.of("JBLKTRACE_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
                root.resolve("scripts/blkparse").toString(), "-V");
        assertEquals(0, outcome.status(), outcome.toString());
        return Files.readAllLines(classes).stream().anyMatch(line -> line.contains(" org.jblktrace.")
                && line.endsWith("source: shared objects file (top)"));
    }

    @Test
    void anArchiveThatDoesNotFitChangesNothingButSpeed() throws Exception {
        Path installed = installedCopy("installed");
        Path archive = archive(installed);
        List<ProcessOutcome> withoutArchive = outcomes(installed, Map.of());
        assertEquals(1, withoutArchive.get(0).status());
        assertTrue(withoutArchive.get(2).stdout().contains("fio (18026)"), withoutArchive.get(2).stdout());

        record(installed);
        assertTrue(archiveUsed(installed), "a fresh archive is used");
        assertEquals(withoutArchive, outcomes(installed, Map.of()), "fresh archive");

        // Another installation (other paths): Java 17 rejects the archive, since the class path
        // it recorded differs; Java 21 maps it, the jars at the new place being the same.
        Path elsewhere = installedCopy("elsewhere");
        List<ProcessOutcome> elsewhereWithoutArchive = outcomes(elsewhere, Map.of());
        Files.copy(archive, archive(elsewhere));
        assertEquals(elsewhereWithoutArchive, outcomes(elsewhere, Map.of()), "archive of another installation");

        // Rebuilt jar: same path, other modification time.
        Path jar = installed.resolve("cli-parse/target/cli-parse.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        assertFalse(archiveUsed(installed), "a stale archive is rejected");
        assertEquals(withoutArchive, outcomes(installed, Map.of()), "stale archive");

        // Another JDK: HotSpot compares the JVM identity the archive records with its own.
        byte[] recorded = Files.readAllBytes(record(installed));
        byte[] identity = ("Server VM (" + System.getProperty("java.vm.version")).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(recorded, identity);
        assertTrue(at >= 0, "the archive names the JVM that recorded it");
        recorded[at + identity.length - 1] ^= 1;
        Files.write(archive, recorded);
        assertFalse(archiveUsed(installed), "another JVM's archive is rejected");
        assertEquals(withoutArchive, outcomes(installed, Map.of()), "archive of another JVM");

        byte[] garbage = new byte[8192];
        new Random(5).nextBytes(garbage);
        Files.write(archive, garbage);
        assertEquals(withoutArchive, outcomes(installed, Map.of()), "damaged archive");
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
