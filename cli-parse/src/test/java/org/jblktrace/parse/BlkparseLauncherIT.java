package org.jblktrace.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs scripts/blkparse end to end against the packaged jar; bound to the package phase
 * (see cli-parse/pom.xml) because it needs cli-parse/target/cli-parse.jar and its libraries.
 */
class BlkparseLauncherIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "blkparse").toAbsolutePath().normalize();
    private static final Path REFERENCE = Path.of("/usr/bin/blkparse");

    @TempDir
    Path dir;

    private record Outcome(int status, String stdout, String stderr) {
    }

    private static Outcome run(Path workingDir, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        return new Outcome(process.waitFor(), new String(stdout, StandardCharsets.UTF_8),
                new String(stderr, StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsTheNameAsInvoked() throws Exception {
        Path checkout = SCRIPT.getParent().getParent();
        assertEquals(new Outcome(0, "scripts/blkparse version 1.2.0\n", ""),
                run(checkout, Map.of(), "scripts/blkparse", "-V"));
    }

    @Test
    void worksThroughASymlinkAndMatchesReferenceErrors() throws Exception {
        Path ours = Files.createDirectory(dir.resolve("ours"));
        Path reference = Files.createDirectory(dir.resolve("reference"));
        Files.createSymbolicLink(ours.resolve("bp"), SCRIPT);
        Files.createSymbolicLink(reference.resolve("bp"), REFERENCE);
        assertEquals(new Outcome(0, "./bp version 1.2.0\n", ""), run(ours, Map.of(), "./bp", "--version"));
        List<String[]> commands = List.of(new String[] {"./bp", "--ver"}, new String[] {"./bp", "-x"},
                new String[] {"./bp"}, new String[] {"./bp", "-w", "2:1"});
        for (String[] command : commands) {
            assertEquals(run(reference, Map.of(), command), run(ours, Map.of(), command), String.join(" ", command));
        }
    }

    @Test
    void nonAsciiArgumentsSurviveThePosixLocale() throws Exception {
        Files.createSymbolicLink(dir.resolve("bp\u00e9"), SCRIPT);
        Files.createSymbolicLink(dir.resolve("ref\u00e9"), REFERENCE);
        Map<String, String> posix = Map.of("LC_ALL", "C", "LANG", "");
        assertEquals(new Outcome(0, "./bp\u00e9 version 1.2.0\n", ""), run(dir, posix, "./bp\u00e9", "-V"));
        assertEquals(run(dir, posix, "./ref\u00e9", "-a", "\u00e9t\u00e9"),
                run(dir, posix, "./bp\u00e9", "-a", "\u00e9t\u00e9"));
    }

    @Test
    void usesJavaFromJavaHome() throws Exception {
        Outcome outcome = run(dir, Map.of("JAVA_HOME", dir.resolve("no-jdk").toString()), SCRIPT.toString(), "-V");
        assertEquals(1, outcome.status());
        assertEquals(SCRIPT + ": no Java runtime found: set JAVA_HOME or put java on PATH\n", outcome.stderr());
    }

    @Test
    void explainsAMissingBuild() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("checkout/scripts")).resolve("blkparse");
        Files.copy(SCRIPT, copy);
        Outcome outcome = run(dir, Map.of(), copy.toString(), "-V");
        assertEquals(1, outcome.status());
        assertTrue(outcome.stderr().endsWith("cli-parse.jar is missing; build with: mvn -q -B package -DskipTests\n"),
                outcome.stderr());
    }
}
