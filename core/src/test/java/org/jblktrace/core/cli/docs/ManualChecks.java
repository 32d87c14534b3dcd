package org.jblktrace.core.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jblktrace.core.cli.CommandOption;
import org.jblktrace.core.kernel.HostFacility;

/** What the tests of each command's man page and completion check, against its option table. */
public final class ManualChecks {
    private static final Pattern COMPLETION_OPTIONS = Pattern.compile("local (?:flag|arg)_opts=\"([^\"]*)\"");
    private static final Pattern MAN_OPTION = Pattern.compile("\\\\fB((?:\\\\-|[^\\\\])+)\\\\fR");

    private ManualChecks() {
    }

    /** "-a" and "--act-mask" for every option of the table. */
    public static Set<String> optionNames(List<CommandOption> table) {
        Set<String> names = new TreeSet<>();
        for (CommandOption option : table) {
            if (option.hasShortForm()) {
                names.add("-" + option.key());
            }
            if (option.hasLongForm()) {
                names.add("--" + option.longName());
            }
        }
        return names;
    }

    /** The option names the OPTIONS section of a troff man page lists. */
    public static Set<String> manPageOptions(String troff) {
        int start = troff.indexOf("\n.SH OPTIONS\n");
        int end = troff.indexOf("\n.SH ", start + 1);
        Set<String> names = new TreeSet<>();
        for (String line : troff.substring(start, end).split("\n")) {
            if (line.startsWith("\\fB")) {
                Matcher name = MAN_OPTION.matcher(line);
                while (name.find()) {
                    names.add(name.group(1).replace("\\-", "-"));
                }
            }
        }
        return names;
    }

    /** The options a picocli bash completion script offers. */
    public static Set<String> completionOptions(String script) {
        Set<String> names = new TreeSet<>();
        Matcher lists = COMPLETION_OPTIONS.matcher(script);
        while (lists.find()) {
            Arrays.stream(lists.group(1).split(" ")).filter(word -> !word.isEmpty())
                    .map(word -> word.replace("'", "")).forEach(names::add);
        }
        return names;
    }

    /** Renders the page as man does for an 80-column terminal and asserts groff had nothing to say. */
    public static void assertRendersWithoutWarnings(Path page) throws IOException, InterruptedException {
        HostFacility.require(Files.isExecutable(Path.of("/usr/bin/man")), "man (apt-get install man-db groff-base)");
        ProcessBuilder man = new ProcessBuilder("man", "--warnings", "-l", page.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        man.environment().putAll(Map.of("MANWIDTH", "80", "MAN_KEEP_FORMATTING", "0"));
        Process process = man.start();
        String warnings = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), warnings);
        assertEquals("", warnings);
    }

    /** Sources the completion script in bash and asserts it registered a completion for {@code command}. */
    public static void assertCompletionLoads(Path script, String command) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", "source \"$0\" && complete -p \"$1\"", script.toString(), command)
                .redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), output);
        assertEquals("complete -o default -F _complete_" + command + " " + command + "\n", output);
    }

    /**
     * What the completion script offers for the last of {@code words} (the command line so
     * far, command first), as bash would ask it on TAB.
     */
    public static List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source \"$0\"; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _complete_$1 2>/dev/null; "
                        + "printf '%s\\n' \"${COMPREPLY[@]}\"", script.toString()));
        command.addAll(List.of(words));
        Process bash = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), output);
        return output.lines().filter(line -> !line.isEmpty()).toList();
    }
}
