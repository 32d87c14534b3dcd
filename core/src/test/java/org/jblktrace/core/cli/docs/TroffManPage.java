package org.jblktrace.core.cli.docs;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes a man page in troff's man macros straight from a CommandSpec and a {@link ManualPage}.
 * picocli-codegen writes AsciiDoc instead, which would need asciidoctor (Ruby) at build time.
 */
public final class TroffManPage {
    private TroffManPage() {
    }

    public static String render(ManualPage page, String source) {
        CommandSpec spec = OptionSpecs.commandSpec(page.name(), page.options());
        StringBuilder out = new StringBuilder();
        out.append(".TH ").append(page.name().toUpperCase(Locale.ROOT)).append(' ')
                .append(page.section()).append(" \"\" \"").append(source).append("\"\n");
        // Left-aligned and unhyphenated: file and option names must stay whole.
        out.append(".ad l\n.nh\n");
        out.append(".SH NAME\n").append(escape(page.name())).append(" \\- ").append(escape(page.summary())).append('\n');
        out.append(".SH SYNOPSIS\n");
        for (String line : page.synopsis()) {
            out.append(".B ").append(escape(page.name())).append('\n').append(escape(line)).append("\n.br\n");
        }
        List<ManualPage.Section> sections = page.sections();
        for (int i = 0; i < sections.size(); i++) {
            section(out, sections.get(i));
            if (i == 0) {
                options(out, spec);
            }
        }
        return out.toString();
    }

    private static void options(StringBuilder out, CommandSpec spec) {
        out.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            String names = List.of(option.names()).stream()
                    .map(name -> withArgument(name, option))
                    .collect(Collectors.joining(", "));
            out.append(".TP\n").append(names).append('\n')
                    .append(escape(String.join(" ", option.description()).replace("%%", "%"))).append('\n');
        }
    }

    /** "-a <label>" or "--name=<label>", as the usage texts write them. */
    private static String withArgument(String name, OptionSpec option) {
        String bold = "\\fB" + escape(name) + "\\fR";
        if (option.arity().max() == 0) {
            return bold;
        }
        return bold + (name.startsWith("--") ? "=" : " ") + "\\fI" + escape(option.paramLabel()) + "\\fR";
    }

    private static void section(StringBuilder out, ManualPage.Section section) {
        out.append(".SH ").append(escape(section.title())).append('\n');
        for (ManualPage.Block block : section.blocks()) {
            if (block instanceof ManualPage.Paragraph paragraph) {
                out.append(".PP\n").append(escape(paragraph.text())).append('\n');
            } else if (block instanceof ManualPage.Item item) {
                out.append(".TP\n\\fB").append(escape(item.term())).append("\\fR\n").append(escape(item.text())).append('\n');
            } else if (block instanceof ManualPage.Example example) {
                out.append(".PP\n").append(escape(example.text())).append("\n.PP\n.RS\n.nf\n")
                        .append(escape(example.command())).append("\n.fi\n.RE\n");
            }
        }
    }

    /** Text for troff: backslashes and dashes literal, no line starting a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.replace("\n.", "\n\\&.").replace("\n'", "\n\\&'")
                .replaceFirst("^([.'])", "\\\\&$1");
    }
}
