package org.jblktrace.core.cli.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.cli.CommandOption;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Turns an option table into a picocli CommandSpec, for picocli's completion and our man pages. */
public final class OptionSpecs {
    private OptionSpecs() {
    }

    /**
     * One picocli option per long form: table entries that share one (blktrace's -v and -V
     * are both --version) become one option with both letters.
     */
    public static CommandSpec commandSpec(String name, List<CommandOption> table) {
        Map<String, List<CommandOption>> groups = new LinkedHashMap<>();
        for (CommandOption option : table) {
            String group = option.hasLongForm() ? option.longName() : String.valueOf(option.key());
            groups.computeIfAbsent(group, key -> new ArrayList<>()).add(option);
        }
        CommandSpec spec = CommandSpec.create().name(name);
        for (List<CommandOption> group : groups.values()) {
            List<String> names = new ArrayList<>();
            for (CommandOption option : group) {
                if (option.hasShortForm()) {
                    names.add("-" + option.key());
                }
            }
            CommandOption first = group.get(0);
            if (first.hasLongForm()) {
                names.add("--" + first.longName());
            }
            // picocli formats descriptions with String.format.
            OptionSpec.Builder option = OptionSpec.builder(names.toArray(String[]::new))
                    .description(first.description().replace("%", "%%"));
            if (first.takesArgument()) {
                option.paramLabel("<" + first.argumentLabel() + ">").type(String.class).arity("1")
                        .completionCandidates(first.values());
            } else {
                option.type(boolean.class).arity("0");
            }
            spec.addOption(option.build());
        }
        return spec;
    }
}
