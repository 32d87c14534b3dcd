package org.jblktrace.core.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Writes a command's man page to DIR/man/NAME.SECTION and its bash completion to DIR/completion/NAME. */
public final class ManualFiles {
    /** The source named in the pages' footer. */
    public static final String SOURCE = "jblktrace";

    private ManualFiles() {
    }

    public static void write(Path targetDirectory, ManualPage page) throws IOException {
        Path man = targetDirectory.resolve("man").resolve(page.name() + "." + page.section());
        Path completion = targetDirectory.resolve("completion").resolve(page.name());
        Files.createDirectories(man.getParent());
        Files.createDirectories(completion.getParent());
        Files.writeString(man, TroffManPage.render(page, SOURCE), StandardCharsets.UTF_8);
        Files.writeString(completion, completionScript(page), StandardCharsets.UTF_8);
    }

    public static String completionScript(ManualPage page) {
        CommandLine command = new CommandLine(OptionSpecs.commandSpec(page.name(), page.options()));
        return AutoComplete.bash(page.name(), command);
    }
}
