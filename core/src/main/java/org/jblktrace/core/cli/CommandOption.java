package org.jblktrace.core.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One option of a command's table: the one description of it, from which the getopt scanner
 * is built at run time and the man page and shell completion at build time.
 *
 * @param key           what getopt reports for it: the short option letter, or for a long-only
 *                      option any char above {@code 0xff}, which no short option can be
 * @param longName      the long form without its dashes, or null for a short-only option
 * @param argumentLabel the argument's name as usage texts show it, or null for a flag
 * @param abbreviable   whether a unique prefix of the long form is accepted (see
 *                      {@link GnuGetopt.LongOption})
 * @param description   one or more sentences for the manual
 * @param values        the words the argument can be, offered by shell completion; empty when
 *                      it is free-form
 */
public record CommandOption(char key, String longName, String argumentLabel, boolean abbreviable,
                            String description, List<String> values) {
    public CommandOption(char key, String longName, String argumentLabel, boolean abbreviable, String description) {
        this(key, longName, argumentLabel, abbreviable, description, List.of());
    }

    /** An option with a short letter whose long form can be abbreviated, as in the C tools. */
    public static CommandOption of(char letter, String longName, String argumentLabel, String description) {
        return new CommandOption(letter, longName, argumentLabel, true, description);
    }

    /** This option with an argument that is one of {@code words}. */
    public CommandOption withValues(List<String> words) {
        return new CommandOption(key, longName, argumentLabel, abbreviable, description, List.copyOf(words));
    }

    public boolean hasShortForm() {
        return key <= 0xff;
    }

    public boolean hasLongForm() {
        return longName != null;
    }

    public boolean takesArgument() {
        return argumentLabel != null;
    }

    /** getopt for {@code table}, whose order is the long-option table's order. */
    public static GnuGetopt getopt(String program, List<CommandOption> table, boolean posixlyCorrect) {
        StringBuilder shortOptions = new StringBuilder();
        List<GnuGetopt.LongOption> longOptions = new ArrayList<>();
        for (CommandOption option : table) {
            if (option.hasShortForm()) {
                shortOptions.append(option.key);
                if (option.takesArgument()) {
                    shortOptions.append(':');
                }
            }
            if (option.hasLongForm()) {
                longOptions.add(new GnuGetopt.LongOption(option.longName, option.takesArgument(), option.key,
                        option.abbreviable));
            }
        }
        return new GnuGetopt(program, shortOptions.toString(), longOptions, posixlyCorrect);
    }
}
