package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our command line against Debian's /usr/sbin/blktrace 2.0.0 on arguments it rejects before
 * tracing: usage, getopt errors, option checks, -V, devices it cannot use. Stdout, stderr and
 * the exit status must be identical (both run as /usr/sbin/blktrace, which they print).
 */
class BlktraceOptionParityTest {
    private static final String REFERENCE = "/usr/sbin/blktrace";

    @TempDir
    static Path dir;

    record Outcome(int status, String stdout, String stderr) {
    }

    static Stream<String> commandLines() {
        return Stream.of("", "-x", "--ver", "--vers", "--version", "-V", "-v", "-Vx", "--help", "-h",
                "--dev", "-d", "--dev=/nonexistent", "-d /nonexistent", "/nonexistent", "-d /dev/null -x",
                "-b 0 -d /dev/null", "-b -1", "-b 16385", "-b 16384x -n 0", "--b 0", "-n 0", "-n -0",
                "-w 0", "-w -3", "-w x", "-A zz", "-a write -A zz", "-A 0x10000", "-A 0", "-a bogus",
                "-a write -a bogus", "--act-mask=BLK_TC_NOPE", "-I /nonexistent", "-I FILES", "--kill=1",
                "-d /dev/null -d /dev/zero -o x", "-d /dev/null -d /dev/null -o x -r /nonexistent",
                "-r /tmp -d /dev/null", "-r /nonexistent -d /dev/null", "-d /dev/null", "/dev/zero",
                "-d /etc/passwd", "-k -d /dev/null", "-k /dev/null /dev/zero", "-o", "-D", "--output-dir");
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void matchesTheReference(String commandLine) throws Exception {
        Path devices = dir.resolve("devices");
        Files.writeString(devices, " /dev/null\n\t/nonexistent\n");
        String[] args = commandLine.isEmpty() ? new String[0]
                : commandLine.replace("FILES", devices.toString()).split(" ");
        assertEquals(reference(args), ours(args), commandLine);
    }

    private static Outcome reference(String[] args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of(REFERENCE)), REFERENCE + " is missing: apt-get install blktrace");
        List<String> command = new ArrayList<>(List.of(REFERENCE));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "reference blktrace hangs");
        return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    private static Outcome ours(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BlktraceMain.run(REFERENCE, args,
                new TraceContext(out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
