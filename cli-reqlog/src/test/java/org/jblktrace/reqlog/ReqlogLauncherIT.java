package org.jblktrace.reqlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.ProcessOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/reqlog against the packaged jar: the seed's usage, bad input, no module. */
class ReqlogLauncherIT {
    static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = CHECKOUT.resolve("scripts/reqlog");
    private static final String USAGE = "Usage: reqlog enable|disable|read device\n";

    @TempDir
    Path dir;

    private ProcessOutcome run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        return ProcessOutcome.run(dir, Map.of(), command);
    }

    @Test
    void noOrBadArgumentsPrintTheSeedsUsageAndFail() throws Exception {
        for (String[] args : List.of(new String[0], new String[] {"frobnicate"}, new String[] {"enable"},
                new String[] {"read", "/dev/reqlog", "extra"}, new String[] {"disable", "a", "b"})) {
            assertEquals(new ProcessOutcome(1, "", USAGE), run(args), String.join(" ", args));
        }
        assertEquals(new ProcessOutcome(1, "", "reqlog migrate needs SOURCE and TARGET\n" + USAGE),
                run("migrate", "/dev/loop0"));
        assertEquals(new ProcessOutcome(1, "", "reqlog: --max-passes needs a whole number above 0, not 'x'\n" + USAGE),
                run("--max-passes=x", "migrate", "a", "b"));
        ProcessOutcome unknown = run("--frob", "read", "/dev/reqlog");
        assertEquals(1, unknown.status());
        assertTrue(unknown.stderr().endsWith(USAGE), unknown.stderr());
    }

    @Test
    void versionAndHelp() throws Exception {
        assertEquals(new ProcessOutcome(0, "reqlog version 0.1.0\n", ""), run("-V"));
        ProcessOutcome help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.stdout().startsWith(USAGE), help.stdout());
    }

    @Test
    void badDevicesAreOneLineEach() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertEquals(new ProcessOutcome(1, "", "reqlog: " + file + " is not a block device\n"),
                run("migrate", file.toString(), dir.resolve("target").toString()));
        assertEquals(new ProcessOutcome(1, "", "reqlog: device /nonexistent does not exist or cannot be examined:"
                + " No such file or directory\n"), run("map", "/nonexistent"));
        assertEquals(new ProcessOutcome(1, "", "reqlog: watch traces through blktrace's paths; for /dev/reqlog use: "
                + "reqlog read /dev/reqlog\n"), run("watch", "--backend=reqlog", "/dev/null"));
    }

    @Test
    void withoutTheModuleTheRequestLogIsMissing() throws Exception {
        Path missing = dir.resolve("reqlog");
        assertEquals(new ProcessOutcome(1, "", "reqlog: cannot open " + missing
                + ": No such file or directory (is the jblktrace module loaded?)\n"), run("enable", missing.toString()));
        assertEquals(new ProcessOutcome(1, "", "reqlog: cannot enable logging on /dev/null: it is not the request "
                + "log of the jblktrace module\n"), run("enable", "/dev/null"));
    }
}
