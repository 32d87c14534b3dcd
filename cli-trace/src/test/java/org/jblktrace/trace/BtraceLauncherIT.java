package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.kernel.HostFacility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/btrace before any tracing starts: its usage errors against Debian's btrace, and
 * arguments reaching blktrace as single words. Package phase, see cli-trace/pom.xml.
 */
class BtraceLauncherIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "btrace").toAbsolutePath().normalize();
    private static final Path REFERENCE = Path.of("/usr/sbin/btrace");

    @TempDir
    Path dir;

    static ProcessOutcome run(Path workingDir, List<String> command) throws IOException, InterruptedException {
        return ProcessOutcome.run(workingDir, Map.of(), command);
    }

    private static List<String> command(Path program, String arguments) {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        if (!arguments.isEmpty()) {
            command.addAll(List.of(arguments.split(" ")));
        }
        return command;
    }

    @BeforeAll
    static void requireReference() {
        HostFacility.require(Files.isExecutable(REFERENCE), REFERENCE.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", "-a", "-w", "-r", "-s", "-t", "-h", "-v", "-s -t -h -v", "-w 3 -n 4 -b 512",
        "-a read -a write", "-s -x /dev/loop0", "-x -a", "-w 3 --", "-tsq", "-w3 -ahv", "-ab",
        "-r /sys/kernel/debug --"})
    void usageErrorsMatchDebiansBtrace(String arguments) throws Exception {
        ProcessOutcome reference = run(dir, command(REFERENCE, arguments));
        assertEquals(2, reference.status(), reference.toString());
        assertEquals(reference, runAsDebian12(dir, command(SCRIPT, arguments)), arguments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nonexistent", "-s -t -h -v /nonexistent", "-b 0 /dev/null", "-n 0 /dev/null",
        "-w 0 /dev/null", "-r /nonexistent /dev/null", "-a bogus /dev/null", "-a -x /dev/null"})
    void blktracesRefusalsMatchDebiansBtrace(String arguments) throws Exception {
        ProcessOutcome reference = run(dir, command(REFERENCE, arguments));
        assertEquals(0, reference.status(), reference.toString());
        assertEquals(reference, runAsDebian12(dir, command(SCRIPT, arguments)), arguments);
    }

    @Test
    void theUsageLineIsNotAGlobPattern() throws Exception {
        // Debian's btrace echoes it unquoted, so a file named "s" turns "[-s]" into "s".
        Files.createFile(dir.resolve("s"));
        assertEquals(new ProcessOutcome(2, "", "Usage: btrace [-s] [-t] [-w N] [-n N] [-b N] [-a <trace>...] "
                + "[-r <dbg mnt>] <dev>...\n"), run(dir, List.of(SCRIPT.toString())));
    }

    /**
     * Ours as Debian 12's btrace runs, with blkparse 1.2.0's output: it prints nothing for an
     * empty trace, where 1.3.0 (our default) prints when the trace started.
     */
    private static ProcessOutcome runAsDebian12(Path workingDir, List<String> command) throws Exception {
        return ProcessOutcome.run(workingDir, Map.of("JBLKTRACE_COMPAT", "1.2"), command);
    }

    @Test
    void devicesAndValuesReachBlktraceAsSingleWords() throws Exception {
        ProcessOutcome outcome = runAsDebian12(dir, List.of(SCRIPT.toString(), "/no such/dev'*"));
        assertEquals(new ProcessOutcome(0, "", "Invalid path /no such/dev'* specified: 2/No such file or directory\n"),
                outcome);
        outcome = runAsDebian12(dir, List.of(SCRIPT.toString(), "-a", "read write", "/dev/null"));
        assertEquals(new ProcessOutcome(0, "", "Invalid action mask read write\n"), outcome);
    }

    @Test
    void worksThroughASymlinkFromAnotherDirectory() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("btrace"), SCRIPT);
        assertEquals(new ProcessOutcome(0, "", "Invalid path /nonexistent specified: 2/No such file or directory\n"),
                runAsDebian12(dir, List.of("bin/btrace", "/nonexistent")));
    }
}
