package org.jblktrace.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How a tool's process ended, for tests that compare our tools' runs with the C tools'. */
public record ProcessOutcome(int status, String stdout, String stderr) {
    private static final long WAIT_SECONDS = 60;

    /** Runs COMMAND in DIR with stdin from /dev/null and ENVIRONMENT added to ours. */
    public static ProcessOutcome run(Path dir, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        return finish(builder.start(), String.join(" ", command));
    }

    /** Reads a started process to its end; fails the test if it does not exit. */
    public static ProcessOutcome finish(Process process, String what) throws IOException, InterruptedException {
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), what + " hangs");
        return new ProcessOutcome(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                new String(stderr, StandardCharsets.UTF_8));
    }
}
