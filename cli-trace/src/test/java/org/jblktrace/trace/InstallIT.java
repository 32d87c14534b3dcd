package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.kernel.HostFacility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/install and the root Makefile against the built checkout (package phase, see
 * cli-trace/pom.xml): the installed tools run through their links, man and bash find their
 * pages and completions, and uninstall takes away exactly what install put there.
 */
class InstallIT {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    private static final Path INSTALL = CHECKOUT.resolve("scripts/install");
    private static final Path SAMPLE = CHECKOUT.resolve("docs/sample");
    private static final Path BASH_COMPLETION = Path.of("/usr/share/bash-completion/bash_completion");
    private static final List<String> MODULE_SOURCES = List.of("tracer.c", "jblktrace.h", "jblktrace_compat.h",
            "reqlog.c", "reqlog.h", "Kbuild", "Makefile", "dkms.conf");

    @TempDir
    Path dir;

    private ProcessOutcome run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        return ProcessOutcome.run(dir, environment, List.of(command));
    }

    private static List<Path> contents(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root)).sorted().toList();
        }
    }

    @Test
    void installedToolsRunAndUninstallLeavesNothing() throws Exception {
        HostFacility.require(Files.isExecutable(Path.of("/usr/bin/man")), "man (man-db)");
        HostFacility.require(Files.isReadable(BASH_COMPLETION), BASH_COMPLETION + " (bash-completion)");
        Path prefix = dir.resolve("prefix");
        Map<String, String> atPrefix = Map.of("PREFIX", prefix.toString());
        ProcessOutcome installed = run(atPrefix, INSTALL.toString());
        assertEquals(0, installed.status(), installed.toString());
        assertEquals("", installed.stderr());

        String[] sample = {"-i", "sample", "-D", SAMPLE.toString()};
        Path referenceBlkparse = ReferenceTools.tool(Release.V1_3, "blkparse");
        ProcessOutcome reference = run(Map.of(), concat(referenceBlkparse.toString(), sample));
        assertEquals(0, reference.status());
        assertEquals(reference, run(Map.of(), concat(prefix.resolve("bin/blkparse").toString(), sample)));
        Path blktrace = prefix.resolve("sbin/blktrace");
        assertEquals(new ProcessOutcome(0, blktrace + " version 2.0.0\n", ""), run(Map.of(), blktrace.toString(), "-V"));
        assertEquals(run(Map.of(), "/usr/sbin/btrace"), run(Map.of(), prefix.resolve("sbin/btrace").toString()));
        assertEquals(new ProcessOutcome(0, "reqlog version 0.1.0\n", ""),
                run(Map.of(), prefix.resolve("sbin/reqlog").toString(), "-V"));

        Map<String, String> manPath = Map.of("MANPATH", prefix.resolve("share/man").toString());
        assertEquals(new ProcessOutcome(0, prefix.resolve("share/man/man1/blkparse.1") + "\n"
                + prefix.resolve("share/man/man8/blktrace.8") + "\n" + prefix.resolve("share/man/man8/btrace.8") + "\n"
                + prefix.resolve("share/man/man8/reqlog.8") + "\n",
                ""), run(manPath, "man", "-w", "blkparse", "blktrace", "btrace", "reqlog"));
        for (String tool : List.of("blkparse", "blktrace", "btrace", "reqlog")) {
            ProcessOutcome completion = run(Map.of("XDG_DATA_DIRS", prefix.resolve("share").toString()), "bash", "-c",
                    "source " + BASH_COMPLETION + " && __load_completion " + tool + " && complete -p " + tool);
            assertEquals(0, completion.status(), completion.toString());
            assertTrue(completion.stdout().endsWith(" " + tool + "\n"), completion.stdout());
        }
        List<String> sources = new ArrayList<>(MODULE_SOURCES);
        try (Stream<Path> probes = Files.list(CHECKOUT.resolve("kernel/probes"))) {
            probes.forEach(probe -> sources.add("probes/" + probe.getFileName()));
        }
        assertTrue(sources.size() > MODULE_SOURCES.size(), "no Kbuild probes in kernel/probes");
        for (String source : sources) {
            assertArrayEquals(Files.readAllBytes(CHECKOUT.resolve("kernel").resolve(source)),
                    Files.readAllBytes(prefix.resolve("src/jblktrace-0.1.0").resolve(source)), source);
        }

        ProcessOutcome removed = run(atPrefix, INSTALL.toString(), "--uninstall");
        assertEquals(new ProcessOutcome(0, "jblktrace removed from " + prefix + "\n", ""), removed);
        assertFalse(Files.exists(prefix));
    }

    /** Every path under root with its content: a directory, a link's target or a file's digest. */
    private static Map<Path, String> snapshot(Path root) throws IOException, NoSuchAlgorithmException {
        Map<Path, String> snapshot = new TreeMap<>();
        for (Path path : contents(root)) {
            if (Files.isSymbolicLink(path)) {
                snapshot.put(path, "link to " + Files.readSymbolicLink(path));
            } else if (Files.isDirectory(path)) {
                snapshot.put(path, "directory");
            } else {
                snapshot.put(path, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(path))));
            }
        }
        return snapshot;
    }

    private static String[] concat(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(new String[0]);
    }

    private static String[] make(Path stage, String target) {
        return new String[] {"make", "-s", "-C", CHECKOUT.toString(), "DESTDIR=" + stage, "PREFIX=/usr/local", target};
    }

    @Test
    void makeStagesUnderDestdirWithRelativeLinksAndNoArchives() throws Exception {
        HostFacility.require(Files.isExecutable(Path.of("/usr/bin/make")), "make");
        Path stage = dir.resolve("stage");
        ProcessOutcome installed = run(Map.of(), make(stage, "install"));
        assertEquals(0, installed.status(), installed.toString());
        assertTrue(installed.stdout().contains("once the files are in /usr/local, create the start-up archives with "
                + "/usr/local/lib/jblktrace/scripts/cds-archives"), installed.stdout());
        Path lib = stage.resolve("usr/local/lib/jblktrace");
        for (String tool : List.of("bin/blkparse", "bin/btt", "sbin/blktrace", "sbin/btrace", "sbin/reqlog")) {
            Path link = stage.resolve("usr/local").resolve(tool);
            assertEquals(Path.of("../lib/jblktrace/scripts").resolve(link.getFileName()), Files.readSymbolicLink(link));
        }
        assertEquals(List.of(), contents(lib).stream().filter(path -> path.toString().endsWith(".jsa")).toList());
        Path blkparse = stage.resolve("usr/local/bin/blkparse");
        assertEquals(new ProcessOutcome(0, blkparse + " version 1.3.0\n", ""), run(Map.of(), blkparse.toString(), "-V"));

        ProcessOutcome removed = run(Map.of(), make(stage, "uninstall"));
        assertEquals(0, removed.status(), removed.toString());
        assertEquals(List.of(), contents(stage));
    }

    @Test
    void aReinstallRemovesWhatTheEarlierInstallHadAndThisOneLacks() throws Exception {
        Map<String, String> atPrefix = Map.of("DESTDIR", dir.resolve("stage").toString(), "PREFIX", "/opt/jbt");
        assertEquals(0, run(atPrefix, INSTALL.toString()).status());
        Path lib = dir.resolve("stage/opt/jbt/lib/jblktrace");
        Path oldJar = lib.resolve("cli-trace/target/lib/old-dependency.jar");
        Files.createFile(oldJar);
        Files.writeString(lib.resolve("installed-files"), "/opt/jbt/lib/jblktrace/cli-trace/target/lib/old-dependency.jar\n",
                StandardOpenOption.APPEND);
        List<Path> firstInstall = contents(dir.resolve("stage"));
        assertEquals(0, run(atPrefix, INSTALL.toString()).status());
        assertFalse(Files.exists(oldJar));
        List<Path> expected = new ArrayList<>(firstInstall);
        expected.remove(oldJar);
        assertEquals(expected, contents(dir.resolve("stage")));
    }

    @Test
    void aFailedInstallTakesOutWhatItHadPutInPlace() throws Exception {
        Path prefix = Files.createDirectory(dir.resolve("prefix"));
        Files.writeString(prefix.resolve("share"), "a file where the install wants a directory\n");
        ProcessOutcome outcome = run(Map.of("PREFIX", prefix.toString(), "LC_ALL", "C"), INSTALL.toString());
        assertEquals(1, outcome.status(), outcome.toString());
        assertEquals("mkdir: cannot create directory '" + prefix.resolve("share") + "': File exists\n",
                outcome.stderr());
        assertEquals(List.of(prefix.resolve("share")), contents(prefix));
    }

    /** Under PREFIX=/usr, Debian's blkparse is such a file; a failed link must not take it away. */
    @ParameterizedTest
    @ValueSource(strings = {"bin/blkparse", "share/man/man1/blkparse.1"})
    void refusesToReplaceAFileItDidNotInstall(String path) throws Exception {
        Path prefix = dir.resolve("prefix");
        Path foreign = prefix.resolve(path);
        Files.createDirectories(foreign.getParent());
        Files.writeString(foreign, "another package's file\n");
        Map<Path, String> before = snapshot(prefix);
        ProcessOutcome outcome = run(Map.of("PREFIX", prefix.toString()), INSTALL.toString());
        assertEquals(new ProcessOutcome(1, "", INSTALL + ": " + foreign
                + " exists and jblktrace did not install it; remove it or choose another PREFIX\n"), outcome);
        assertEquals(before, snapshot(prefix));
    }

    @Test
    void aFailedReinstallLeavesThePreviousInstallWorking() throws Exception {
        Map<String, String> atPrefix = Map.of("DESTDIR", dir.resolve("stage").toString(), "PREFIX", "/opt/jbt",
                "LC_ALL", "C");
        assertEquals(0, run(atPrefix, INSTALL.toString()).status());
        Map<Path, String> installed = snapshot(dir.resolve("stage"));
        // A checkout whose launchers changed and whose module source lacks a file.
        Path checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("kernel"));
        Files.createDirectories(checkout.resolve("docs"));
        for (String module : List.of("cli-parse", "cli-trace", "cli-reqlog", "cli-btt")) {
            Files.createSymbolicLink(Files.createDirectories(checkout.resolve(module)).resolve("target"),
                    CHECKOUT.resolve(module).resolve("target"));
        }
        Files.createSymbolicLink(checkout.resolve("docs/sample"), SAMPLE);
        Files.copy(CHECKOUT.resolve("cli-trace/src/main/cds/blktrace.classlist"),
                Files.createDirectories(checkout.resolve("cli-trace/src/main/cds")).resolve("blktrace.classlist"));
        Files.copy(CHECKOUT.resolve("kernel/dkms.conf"), checkout.resolve("kernel/dkms.conf"));
        Files.copy(CHECKOUT.resolve("kernel/tracer.c"), checkout.resolve("kernel/tracer.c"));
        Path scripts = Files.createDirectories(checkout.resolve("scripts"));
        for (String script : List.of("install", "blkparse", "blktrace", "btrace", "btt", "reqlog", "launcher.sh",
                "cds-archives")) {
            Files.copy(CHECKOUT.resolve("scripts").resolve(script), scripts.resolve(script));
        }
        Files.writeString(scripts.resolve("blkparse"), "#!/bin/sh\necho a newer launcher\n");

        ProcessOutcome outcome = run(atPrefix, scripts.resolve("install").toString());
        assertEquals(new ProcessOutcome(1, "", "cp: cannot stat '" + checkout.resolve("kernel/jblktrace.h")
                + "': No such file or directory\n"), outcome);
        assertEquals(installed, snapshot(dir.resolve("stage")));
        Path blkparse = dir.resolve("stage/opt/jbt/bin/blkparse");
        assertEquals(new ProcessOutcome(0, blkparse + " version 1.3.0\n", ""), run(Map.of(), blkparse.toString(), "-V"));
    }

    @Test
    void aBareMakeOnlySaysHowToBuildAndInstall() throws Exception {
        HostFacility.require(Files.isExecutable(Path.of("/usr/bin/make")), "make");
        Path prefix = dir.resolve("prefix");
        ProcessOutcome outcome = run(Map.of(), "make", "-s", "-C", CHECKOUT.toString(), "PREFIX=" + prefix);
        assertEquals(new ProcessOutcome(0, "build with: mvn -q -B package -DskipTests; then: make install"
                + " [PREFIX=/usr/local] [DESTDIR=staging-dir]\n"
                + "remove with: make uninstall [PREFIX=/usr/local] [DESTDIR=staging-dir]\n", ""), outcome);
        assertFalse(Files.exists(prefix));
    }

    @Test
    void refusesACheckoutThatIsNotBuilt() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("checkout/scripts")).resolve("install");
        Files.copy(INSTALL, copy);
        Path prefix = dir.resolve("prefix");
        ProcessOutcome outcome = run(Map.of("PREFIX", prefix.toString()), copy.toString());
        assertEquals(new ProcessOutcome(1, "", copy + ": " + dir.resolve("checkout/cli-parse/target/cli-parse.jar")
                + " is missing; build first with mvn -q -B package -DskipTests\n"), outcome);
        assertFalse(Files.exists(prefix));
    }

    @Test
    void uninstallWithoutAnInstallSaysSo() throws Exception {
        Path prefix = dir.resolve("prefix");
        ProcessOutcome outcome = run(Map.of("PREFIX", prefix.toString()), INSTALL.toString(), "--uninstall");
        assertEquals(new ProcessOutcome(1, "", INSTALL + ": nothing to uninstall: " + prefix
                + "/lib/jblktrace/installed-files does not exist\n"), outcome);
    }

    @Test
    void rejectsARelativePrefixAndUnknownArguments() throws Exception {
        assertEquals(new ProcessOutcome(1, "", INSTALL + ": PREFIX must be an absolute path, not opt\n"),
                run(Map.of("PREFIX", "opt"), INSTALL.toString()));
        String usage = "usage: " + INSTALL + " [--uninstall]  (environment: PREFIX, default /usr/local; DESTDIR)\n";
        assertEquals(new ProcessOutcome(2, "", usage), run(Map.of(), INSTALL.toString(), "--prefix=/opt"));
        assertEquals(new ProcessOutcome(0, usage, ""), run(Map.of(), INSTALL.toString(), "--help"));
    }
}
