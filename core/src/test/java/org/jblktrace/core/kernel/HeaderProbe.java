package org.jblktrace.core.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A C program compiled against the module's headers in kernel/ that prints NAME=VALUE lines, so
 * that the ABI tests check our Java mirrors against what the compiler lays out.
 */
public final class HeaderProbe {
    private HeaderProbe() {
    }

    /** Compiles {@code program} in {@code dir}, runs it and returns its NAME=VALUE lines. */
    public static Map<String, String> run(Path dir, String program) throws IOException, InterruptedException {
        Path kernelDir = Path.of(System.getProperty("user.dir")).resolve("../kernel").normalize();
        Path source = dir.resolve("probe.c");
        Path binary = dir.resolve("probe");
        Files.writeString(source, program);
        command(dir, "gcc", "-Wall", "-Werror", "-I" + kernelDir, "-o", binary.toString(), source.toString());
        Map<String, String> values = new HashMap<>();
        for (String line : command(dir, binary.toString()).split("\n")) {
            int eq = line.indexOf('=');
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return values;
    }

    private static String command(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
