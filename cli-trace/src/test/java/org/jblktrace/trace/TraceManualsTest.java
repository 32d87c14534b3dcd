package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.cli.docs.ManualChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceManualsTest {
    @TempDir
    Path target;

    private void check(String name, int section, List<CommandOption> table, int optionNames) throws Exception {
        Set<String> options = ManualChecks.optionNames(table);
        assertEquals(optionNames, options.size());
        Path man = target.resolve("man/" + name + "." + section);
        Path completion = target.resolve("completion/" + name);
        String page = Files.readString(man);
        assertEquals(options, ManualChecks.manPageOptions(page));
        assertEquals(options, ManualChecks.completionOptions(Files.readString(completion)));
        for (String title : new String[] {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES",
                "SEE ALSO"}) {
            assertTrue(page.contains("\n.SH " + title + "\n"), name + ": " + title);
        }
        ManualChecks.assertRendersWithoutWarnings(man);
        ManualChecks.assertCompletionLoads(completion, name);
    }

    @Test
    void blktraceManPageAndCompletionHaveExactlyTheRuntimeOptions() throws Exception {
        TraceManuals.main(new String[] {target.toString()});
        // 17 short options and 18 long ones: -v and -V share --version, --backend and
        // --trace-version have no letter.
        check("blktrace", 8, BlktraceCommand.OPTIONS, 35);
        String page = Files.readString(target.resolve("man/blktrace.8"));
        assertTrue(page.contains("\n.SH CAPTURE PATHS\n"), page);
        String exitStatus = page.substring(page.indexOf("\n.SH EXIT STATUS\n"), page.indexOf("\n.SH EXAMPLES\n"));
        // docs/blktrace.md's statuses: those of a missing root or debugfs too.
        assertTrue(exitStatus.contains("without root") && exitStatus.contains("debugfs missing"), exitStatus);
        Path completion = target.resolve("completion/blktrace");
        assertEquals(List.of("auto", "relay", "ftrace", "module"),
                ManualChecks.complete(completion, "blktrace", "-d", "/dev/sda", "--backend", ""));
        assertEquals(List.of("write"), ManualChecks.complete(completion, "blktrace", "--act-mask", "wr"));
        assertEquals(List.of("7", "8"), ManualChecks.complete(completion, "blktrace", "--trace-version", ""));
    }

    @Test
    void btraceManPageAndCompletionHaveItsGetoptsOptions() throws Exception {
        TraceManuals.main(new String[] {target.toString()});
        check("btrace", 8, TraceManuals.BTRACE_OPTIONS, 9);
        StringBuilder getopts = new StringBuilder();
        for (CommandOption option : TraceManuals.BTRACE_OPTIONS) {
            getopts.append(option.key()).append(option.takesArgument() ? ":" : "");
        }
        assertEquals("a:w:n:b:r:sthv", getopts.toString());
        assertEquals(List.of("sync"), ManualChecks.complete(target.resolve("completion/btrace"), "btrace", "-a", "sy"));
    }
}
