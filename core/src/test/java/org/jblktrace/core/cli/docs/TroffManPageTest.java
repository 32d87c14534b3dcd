package org.jblktrace.core.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jblktrace.core.cli.CommandOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TroffManPageTest {
    private static final List<CommandOption> TABLE = List.of(
            CommandOption.of('o', "output", "file", "Write to FILE; 100% sure."),
            CommandOption.of('v', "version", null, "Version."),
            CommandOption.of('V', "version", null, "Version."),
            new CommandOption('\u0100', "backend", "backend", false, "Backend."),
            new CommandOption('s', null, null, true, "Short only."));
    private static final ManualPage PAGE = new ManualPage("tool", 8, "does things", List.of("[-o file] DEV"), TABLE,
            List.of(new ManualPage.Section("DESCRIPTION", new ManualPage.Paragraph(".starts with a dot\\n")),
                    new ManualPage.Section("EXAMPLES", new ManualPage.Example("tool -o x", "Run:"))));

    @TempDir
    Path dir;

    @Test
    void optionsFollowTheDescriptionWithTheirArguments() {
        String troff = TroffManPage.render(PAGE, "jblktrace");
        assertTrue(troff.startsWith(".TH TOOL 8 \"\" \"jblktrace\"\n"), troff);
        assertTrue(troff.indexOf(".SH DESCRIPTION") < troff.indexOf(".SH OPTIONS")
                && troff.indexOf(".SH OPTIONS") < troff.indexOf(".SH EXAMPLES"), troff);
        assertTrue(troff.contains(".TP\n\\fB\\-o\\fR \\fI<file>\\fR, \\fB\\-\\-output\\fR=\\fI<file>\\fR\n"
                + "Write to FILE; 100% sure.\n"), troff);
        assertTrue(troff.contains(".TP\n\\fB\\-v\\fR, \\fB\\-V\\fR, \\fB\\-\\-version\\fR\n"), troff);
        assertTrue(troff.contains(".TP\n\\fB\\-s\\fR\nShort only.\n"), troff);
    }

    @Test
    void textCannotBecomeTroffRequestsOrEscapes() {
        String troff = TroffManPage.render(PAGE, "jblktrace");
        assertTrue(troff.contains(".PP\n\\&.starts with a dot\\en\n"), troff);
        assertEquals("a\\-b \\e c", TroffManPage.escape("a-b \\ c"));
        assertEquals("\\&'x\n\\&.y", TroffManPage.escape("'x\n.y"));
    }

    @Test
    void everyOptionIsInTheManPageAndTheCompletionAndNothingElse() throws Exception {
        ManualFiles.write(dir, PAGE);
        Set<String> expected = Set.of("-o", "--output", "-v", "-V", "--version", "--backend", "-s");
        assertEquals(expected, ManualChecks.optionNames(TABLE));
        assertEquals(expected, ManualChecks.manPageOptions(Files.readString(dir.resolve("man/tool.8"))));
        assertEquals(expected, ManualChecks.completionOptions(Files.readString(dir.resolve("completion/tool"))));
        ManualChecks.assertRendersWithoutWarnings(dir.resolve("man/tool.8"));
        ManualChecks.assertCompletionLoads(dir.resolve("completion/tool"), "tool");
    }
}
