package org.jblktrace.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jblktrace.core.cli.docs.ManualChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkparseManualTest {
    @TempDir
    Path target;

    @Test
    void manPageAndCompletionHaveExactlyTheRuntimeOptions() throws Exception {
        BlkparseManual.main(new String[] {target.toString()});
        Set<String> options = ManualChecks.optionNames(BlkparseCommand.OPTIONS);
        assertEquals(40, options.size());
        String page = Files.readString(target.resolve("man/blkparse.1"));
        assertEquals(options, ManualChecks.manPageOptions(page));
        assertEquals(options, ManualChecks.completionOptions(Files.readString(target.resolve("completion/blkparse"))));
        for (String section : new String[] {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "OUTPUT FORMATS",
                "EXIT STATUS", "EXAMPLES", "SEE ALSO"}) {
            assertTrue(page.contains("\n.SH " + section + "\n"), section);
        }
        String exitStatus = page.substring(page.indexOf("\n.SH EXIT STATUS\n"), page.indexOf("\n.SH EXAMPLES\n"));
        // docs/blkparse.md's statuses, SIGPIPE's included.
        assertTrue(exitStatus.contains("141 when the reader of standard output goes away"), exitStatus);
        ManualChecks.assertRendersWithoutWarnings(target.resolve("man/blkparse.1"));
        ManualChecks.assertCompletionLoads(target.resolve("completion/blkparse"), "blkparse");
        assertEquals(List.of("discard", "drv_data"),
                ManualChecks.complete(target.resolve("completion/blkparse"), "blkparse", "-a", "d"));
        assertEquals(List.of("--per-program-stats"),
                ManualChecks.complete(target.resolve("completion/blkparse"), "blkparse", "--per"));
    }
}
