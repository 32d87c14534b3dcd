package org.jblktrace.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.cli.GnuGetopt.LongOption;
import org.jblktrace.core.cli.GnuGetopt.Match;
import org.junit.jupiter.api.Test;

class GnuGetoptTest {
    /** blkparse 1.2.0's tables. */
    private static final String SHORT = "a:A:b:D:d:f:F:hi:o:Oqstw:vVM";
    private static final List<LongOption> LONG = List.of(
            new LongOption("act-mask", true, 'a'),
            new LongOption("set-mask", true, 'A'),
            new LongOption("batch", true, 'b'),
            new LongOption("input-directory", true, 'D'),
            new LongOption("dump-binary", true, 'd'),
            new LongOption("format", true, 'f'),
            new LongOption("format-spec", true, 'F'),
            new LongOption("hash-by-name", false, 'h'),
            new LongOption("input", true, 'i'),
            new LongOption("no-msgs", false, 'M'),
            new LongOption("output", true, 'o'),
            new LongOption("no-text-output", false, 'O'),
            new LongOption("quiet", false, 'q'),
            new LongOption("per-program-stats", false, 's'),
            new LongOption("track-ios", false, 't'),
            new LongOption("stopwatch", true, 'w'),
            new LongOption("verbose", false, 'v'),
            new LongOption("version", false, 'V'));

    private static final GnuGetopt BLKPARSE = new GnuGetopt("prog", SHORT, LONG, false);

    /** Options rendered as "k" or "k=arg", then "|" and the operands. */
    private static String scan(GnuGetopt getopt, String... args) throws GetoptException {
        GnuGetopt.Scan scan = getopt.scan(args);
        List<String> seen = new ArrayList<>();
        for (Match match = scan.next(); match != null; match = scan.next()) {
            seen.add(match.argument() == null ? String.valueOf(match.key()) : match.key() + "=" + match.argument());
        }
        return String.join(" ", seen) + " | " + String.join(" ", scan.operands());
    }

    private static String error(GnuGetopt getopt, String... args) {
        return assertThrows(GetoptException.class, () -> scan(getopt, args)).getMessage();
    }

    @Test
    void permutesOperandsBehindOptions() throws GetoptException {
        assertEquals("q i=b s | a c", scan(BLKPARSE, "a", "-q", "-i", "b", "c", "-s"));
    }

    @Test
    void doubleDashEndsOptionsAndKeepsOperandOrder() throws GetoptException {
        assertEquals("q | a -s --x -", scan(BLKPARSE, "a", "-q", "--", "-s", "--x", "-"));
    }

    @Test
    void posixlyCorrectStopsAtFirstOperand() throws GetoptException {
        GnuGetopt posix = new GnuGetopt("prog", SHORT, LONG, true);
        assertEquals("q | a -s -- b", scan(posix, "-q", "a", "-s", "--", "b"));
    }

    @Test
    void loneDashIsAnOperand() throws GetoptException {
        assertEquals("q | -", scan(BLKPARSE, "-", "-q"));
    }

    @Test
    void clusteredFlagsAndAttachedArguments() throws GetoptException {
        assertEquals("q s b=100000 o=- i=- | ", scan(BLKPARSE, "-qs", "-b100000", "-o-", "-i-"));
    }

    @Test
    void clusterEndingInArgumentOptionTakesNextWord() throws GetoptException {
        assertEquals("q i=-V | x", scan(BLKPARSE, "-qi", "-V", "x"));
    }

    @Test
    void requiredArgumentIsTakenEvenIfItLooksLikeAnOption() throws GetoptException {
        assertEquals("i=--quiet a=-q | ", scan(BLKPARSE, "--input", "--quiet", "-a", "-q"));
    }

    @Test
    void longOptionValueForms() throws GetoptException {
        assertEquals("i=x i=y i= | ", scan(BLKPARSE, "--input=x", "--input", "y", "--input="));
    }

    @Test
    void uniquePrefixIsAccepted() throws GetoptException {
        assertEquals("w=1 V M b=2 | ", scan(BLKPARSE, "--st=1", "--vers", "--no-m", "--ba", "2"));
    }

    @Test
    void exactNameWinsOverLongerNamesItPrefixes() throws GetoptException {
        assertEquals("i=a f=b o=c | ", scan(BLKPARSE, "--input=a", "--format", "b", "--output", "c"));
    }

    @Test
    void invalidShortOption() {
        assertEquals("prog: invalid option -- 'x'", error(BLKPARSE, "-qx"));
    }

    @Test
    void getoptSyntaxCharactersAreNeverOptions() {
        GnuGetopt withColon = new GnuGetopt("prog", "a:;", LONG, false);
        assertEquals("prog: invalid option -- ':'", error(withColon, "-:"));
        assertEquals("prog: invalid option -- ';'", error(withColon, "-;"));
    }

    @Test
    void shortOptionMissingArgument() {
        assertEquals("prog: option requires an argument -- 'i'", error(BLKPARSE, "-i"));
        assertEquals("prog: option requires an argument -- 'b'", error(BLKPARSE, "-qb"));
    }

    @Test
    void unrecognizedLongOptionQuotesValueToo() {
        assertEquals("prog: unrecognized option '--foo=bar'", error(BLKPARSE, "--foo=bar"));
        assertEquals("prog: unrecognized option '--help'", error(BLKPARSE, "--help"));
        assertEquals("prog: unrecognized option '---x'", error(BLKPARSE, "---x"));
    }

    @Test
    void ambiguousPrefixListsCandidatesInTableOrder() {
        assertEquals("prog: option '--ver' is ambiguous; possibilities: '--verbose' '--version'",
                error(BLKPARSE, "--ver"));
        assertEquals("prog: option '--inp=hh/x' is ambiguous; possibilities: '--input-directory' '--input'",
                error(BLKPARSE, "--inp=hh/x"));
    }

    @Test
    void emptyNameMatchesEveryOption() {
        String message = error(BLKPARSE, "--=x");
        assertEquals("prog: option '--=x' is ambiguous; possibilities: '--act-mask' '--set-mask'",
                message.substring(0, message.indexOf(" '--batch'")));
    }

    @Test
    void prefixMatchesThatBehaveAlikeAreNotAmbiguous() throws GetoptException {
        List<LongOption> aliases = List.of(new LongOption("colour", false, 'c'), new LongOption("color", false, 'c'));
        assertEquals("c | ", scan(new GnuGetopt("prog", "c", aliases, false), "--col"));
    }

    @Test
    void duplicateNamesWithDifferentKeysAreAmbiguousButExactNameTakesTheFirst() throws GetoptException {
        // blktrace registers "version" twice, once for -v and once for -V.
        List<LongOption> blktrace = List.of(new LongOption("version", false, 'v'), new LongOption("version", false, 'V'));
        GnuGetopt getopt = new GnuGetopt("blktrace", "vV", blktrace, false);
        assertEquals("blktrace: option '--vers' is ambiguous; possibilities: '--version' '--version'",
                error(getopt, "--vers"));
        assertEquals("v | ", scan(getopt, "--version"));
    }

    @Test
    void optionsThatAreNotAbbreviableMatchOnlyTheirFullName() throws GetoptException {
        // An option a tool adds after the C tool's must leave the C options' abbreviations alone.
        List<LongOption> table = List.of(new LongOption("buffer-size", true, 'b'),
                new LongOption("backend", true, '\u0100', false));
        GnuGetopt getopt = new GnuGetopt("prog", "b:", table, false);
        assertEquals("b=4 | ", scan(getopt, "--b", "4"));
        assertEquals("\u0100=ftrace | ", scan(getopt, "--backend=ftrace"));
        assertEquals("prog: unrecognized option '--back=ftrace'", error(getopt, "--back=ftrace"));
    }

    @Test
    void flagRejectsValue() {
        assertEquals("prog: option '--quiet' doesn't allow an argument", error(BLKPARSE, "--quiet="));
        assertEquals("prog: option '--verbose' doesn't allow an argument", error(BLKPARSE, "--verb=2"));
    }

    @Test
    void longOptionMissingArgumentNamesTheFullOption() {
        assertEquals("prog: option '--input' requires an argument", error(BLKPARSE, "--input"));
        assertEquals("prog: option '--dump-binary' requires an argument", error(BLKPARSE, "--dump"));
    }

    @Test
    void optionsBeforeAnErrorAreReturnedFirst() throws GetoptException {
        GnuGetopt.Scan scan = BLKPARSE.scan(new String[] {"-V", "-x"});
        assertEquals(new Match('V', null), scan.next());
        assertThrows(GetoptException.class, scan::next);
    }

    @Test
    void noArgumentsMeansNoOptions() throws GetoptException {
        assertNull(BLKPARSE.scan(new String[0]).next());
    }
}
