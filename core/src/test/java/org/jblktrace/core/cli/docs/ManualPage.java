package org.jblktrace.core.cli.docs;

import java.util.List;
import org.jblktrace.core.cli.CommandOption;

/**
 * What a man page says besides the option list, which comes from the command's option table.
 * The OPTIONS section is placed after the first section (DESCRIPTION).
 *
 * @param name     the command
 * @param section  the manual section (1 for user commands, 8 for administration)
 * @param summary  the NAME line after the dash
 * @param synopsis the usage lines, without the command name
 * @param options  the command's option table
 * @param sections the other sections in order, DESCRIPTION first
 */
public record ManualPage(String name, int section, String summary, List<String> synopsis,
                         List<CommandOption> options, List<Section> sections) {

    /** A titled section made of blocks. */
    public record Section(String title, List<Block> blocks) {
        public Section(String title, Block... blocks) {
            this(title, List.of(blocks));
        }
    }

    /** A part of a section. */
    public sealed interface Block permits Paragraph, Item, Example {
    }

    /** Running text. */
    public record Paragraph(String text) implements Block {
    }

    /** A term with its explanation, such as one format letter. */
    public record Item(String term, String text) implements Block {
    }

    /** A command line shown as typed, with what it does. */
    public record Example(String command, String text) implements Block {
    }
}
