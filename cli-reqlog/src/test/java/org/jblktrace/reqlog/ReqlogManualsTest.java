package org.jblktrace.reqlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jblktrace.core.cli.docs.ManualChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReqlogManualsTest {
    @TempDir
    Path target;

    @Test
    void manPageAndCompletionHaveExactlyTheRuntimeOptions() throws Exception {
        ReqlogManuals.main(new String[] {target.toString()});
        Set<String> options = ManualChecks.optionNames(ReqlogCommand.OPTIONS);
        // --max-passes, --seconds, --backend, --buffer-size; -h/--help, -V/--version.
        assertEquals(8, options.size());
        Path man = target.resolve("man/reqlog.8");
        Path completion = target.resolve("completion/reqlog");
        String page = Files.readString(man);
        assertEquals(options, ManualChecks.manPageOptions(page));
        assertEquals(options, ManualChecks.completionOptions(Files.readString(completion)));
        for (String title : new String[] {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS",
                "EXAMPLES", "SEE ALSO"}) {
            assertTrue(page.contains("\n.SH " + title + "\n"), title);
        }
        ManualChecks.assertRendersWithoutWarnings(man);
        ManualChecks.assertCompletionLoads(completion, "reqlog");
        assertEquals(List.of("ftrace"), ManualChecks.complete(completion, "reqlog", "--backend", "ft"));
    }

    @Test
    void theSeedsUsageLineIsTheHelpsFirst() {
        assertTrue(ReqlogCommand.help().startsWith("Usage: reqlog enable|disable|read device\n"));
    }
}
