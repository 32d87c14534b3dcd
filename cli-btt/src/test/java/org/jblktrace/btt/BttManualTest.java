package org.jblktrace.btt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jblktrace.core.cli.docs.ManualChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BttManualTest {
    @TempDir
    Path target;

    @Test
    void manPageAndCompletionHaveExactlyTheRuntimeOptions() throws Exception {
        BttManual.main(new String[] {target.toString()});
        Set<String> options = ManualChecks.optionNames(BttCommand.OPTIONS);
        // 29 letters, 29 long forms of btt 2.09 (--do-active included, -Z has none), 5 extras.
        assertEquals(63, options.size(), options.toString());
        String page = Files.readString(target.resolve("man/btt.1"));
        assertEquals(options, ManualChecks.manPageOptions(page));
        assertEquals(options, ManualChecks.completionOptions(Files.readString(target.resolve("completion/btt"))));
        for (String section : new String[] {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "FILES", "BEYOND BTT",
                "EXIT STATUS", "EXAMPLES", "SEE ALSO"}) {
            assertTrue(page.contains("\n.SH " + section + "\n"), section);
        }
        ManualChecks.assertRendersWithoutWarnings(target.resolve("man/btt.1"));
        ManualChecks.assertCompletionLoads(target.resolve("completion/btt"), "btt");
        assertEquals(List.of("1.2", "1.3"), ManualChecks.complete(target.resolve("completion/btt"), "btt", "--compat", ""));
        assertEquals(List.of("--percentiles", "--periodic-latencies", "--per-io-dump", "--per-io-trees"),
                ManualChecks.complete(target.resolve("completion/btt"), "btt", "--pe"));
    }
}
