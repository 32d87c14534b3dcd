package org.jblktrace.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandOptionTest {
    private static final List<CommandOption> TABLE = List.of(
            CommandOption.of('o', "output", "file", "Output."),
            CommandOption.of('q', "quiet", null, "Quiet."),
            new CommandOption('\u0100', "backend", "backend", false, "Backend."),
            new CommandOption('x', null, null, true, "Short only."));

    private static List<GnuGetopt.Match> scan(String... args) throws GetoptException {
        GnuGetopt.Scan scan = CommandOption.getopt("tool", TABLE, false).scan(args);
        List<GnuGetopt.Match> matches = new ArrayList<>();
        for (GnuGetopt.Match match = scan.next(); match != null; match = scan.next()) {
            matches.add(match);
        }
        return matches;
    }

    @Test
    void shortAndLongFormsReportTheKey() throws GetoptException {
        assertEquals(List.of(new GnuGetopt.Match('o', "a"), new GnuGetopt.Match('q', null),
                        new GnuGetopt.Match('o', "b"), new GnuGetopt.Match('x', null)),
                scan("-oa", "--qui", "--output=b", "-x"));
    }

    @Test
    void longOnlyOptionIsNoShortOptionAndMatchesOnlyInFull() throws GetoptException {
        assertEquals(List.of(new GnuGetopt.Match('\u0100', "ftrace")), scan("--backend", "ftrace"));
        assertThrows(GetoptException.class, () -> scan("--back=ftrace"));
    }

    @Test
    void shortOnlyOptionHasNoLongForm() {
        assertThrows(GetoptException.class, () -> scan("--x"));
    }
}
