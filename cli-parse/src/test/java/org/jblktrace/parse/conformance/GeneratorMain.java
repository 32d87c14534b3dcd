package org.jblktrace.parse.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line of the trace generator, for the benchmark and for looking at a scenario by hand.
 * <pre>
 *   bulk EVENTS DIR      sda.blktrace.0-3 and sdb.blktrace.0-3 with EVENTS events in total
 *   scenario NAME DIR    one conformance scenario's per-CPU files and NAME.pipe
 *   list                 the scenario names
 * </pre>
 */
public final class GeneratorMain {
    private GeneratorMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IOException | RuntimeException e) {
            System.err.println("generator: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("bulk")) {
            Path dir = Files.createDirectories(Path.of(args[2]));
            BulkTraceWriter.write(dir, Long.parseLong(args[1]), 1);
            return 0;
        }
        if (args.length == 3 && args[0].equals("scenario")) {
            Scenario s = Scenarios.scenario(args[1]);
            Path dir = Path.of(args[2]);
            s.trace().writeFiles(dir);
            Files.write(dir.resolve(s.name() + ".pipe"), s.trace().pipe());
            return 0;
        }
        if (args.length == 1 && args[0].equals("list")) {
            Scenarios.all().forEach(s -> System.out.println(s.name()));
            return 0;
        }
        System.err.println("usage: GeneratorMain bulk EVENTS DIR | scenario NAME DIR | list");
        return 2;
    }
}
