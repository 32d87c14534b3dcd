package org.jblktrace.parse.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jblktrace.btt.conformance.BttReferences;

/**
 * The dumps btt's conformance suite takes from blkparse's generated scenarios (cli-parse's
 * test-jar): each well-formed scenario's trace files, merged by Debian 12's blkparse with -d.
 * This class sits in the generator's package because the scenarios are package-private there.
 */
public final class ParseScenarioDumps {
    private ParseScenarioDumps() {
    }

    /**
     * One scenario's trace under {@code work}: its per-CPU files in {@code NAME/} and its
     * {@code blktrace -o -} stream in {@code NAME.stream}; returns its input names.
     */
    public static List<String> writeTrace(String name, Path work) throws IOException {
        Scenario s = Scenarios.scenario(name);
        s.trace().writeFiles(work.resolve(name));
        Files.write(work.resolve(name + ".stream"), s.trace().pipe());
        return s.inputs();
    }

    /** Scenario name to dump file, written under {@code work}. */
    public static Map<String, Path> write(Path work) throws IOException, InterruptedException {
        Map<String, Path> dumps = new LinkedHashMap<>();
        Path blkparse = BttReferences.blkparse();
        for (Scenario s : Scenarios.all()) {
            if (s.optionSets() != Scenario.OptionSets.FULL) {
                continue;
            }
            Path dir = Files.createDirectories(work.resolve("scenario-" + s.name()));
            s.trace().writeFiles(dir);
            Path dump = work.resolve(s.name() + ".dump");
            List<String> command = new ArrayList<>(List.of(blkparse.toString(), "-O", "-d", dump.toString()));
            for (String input : s.inputs()) {
                command.add("-i");
                command.add(input);
            }
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("blkparse -d timed out on " + s.name());
            }
            if (Files.exists(dump) && Files.size(dump) > 0) {
                dumps.put(s.name(), dump);
            }
        }
        return dumps;
    }
}
