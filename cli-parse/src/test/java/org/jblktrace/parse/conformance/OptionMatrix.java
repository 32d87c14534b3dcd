package org.jblktrace.parse.conformance;

import java.util.ArrayList;
import java.util.List;
import org.jblktrace.parse.conformance.Invocation.InputStyle;

/** The option sets the conformance suite runs each scenario with. */
final class OptionMatrix {
    /** Every field letter except %u (needs -t) and %U (reads past short payloads in the reference). */
    static final String ALL_FIELDS = "%a|%c|%C|%d|%D|%e|%m|%M|%n|%N|%p|%P|%s|%S|%t|%T|%z|%q|%%\\n";
    static final String WIDTHS = "%5a|%-5c|%20C|%-6d|%10D|%4e|%-4m|%4M|%-8n|%12N|%08p|%-7P|%12s|%-22S|%-5t|%12t|%3t"
        + "|%6T|%-6T|%16z|%5q|%-3%|%0c|%-\\n";
    static final String ESCAPES = "%a\\t%c\\b%p\\r%s %";
    static final String BAD_ESCAPE = "%a %c\\q\\n";

    private OptionMatrix() {
    }

    /** Option sets for a scenario in file mode and in pipe mode. */
    static List<Invocation> invocations(Scenario s) {
        List<List<String>> sets = switch (s.optionSets()) {
            case FULL -> fullSets();
            case INPUT_HANDLING -> inputHandlingSets();
            case TRACKING -> trackingSets();
        };
        List<Invocation> list = new ArrayList<>();
        for (List<String> options : sets) {
            list.add(new Invocation(options, InputStyle.NAMES));
        }
        for (InputStyle style : new InputStyle[] {InputStyle.OPERANDS, InputStyle.INPUT_DIRECTORY,
            InputStyle.DIRECTORY_PREFIX, InputStyle.CPU_FILE_NAME}) {
            list.add(new Invocation(List.of(), style));
        }
        list.add(new Invocation(List.of("-s", "-v"), InputStyle.DIRECTORY_PREFIX));
        if (s.optionSets() == Scenario.OptionSets.FULL) {
            for (List<String> options : terminalSets()) {
                list.add(new Invocation(options, InputStyle.NAMES, true));
                list.add(new Invocation(options, InputStyle.PIPE, true));
            }
        }
        for (List<String> options : sets) {
            Invocation inv = new Invocation(options, InputStyle.PIPE);
            if (!inv.tracks() || s.pipeTracking()) {
                list.add(inv);
            }
        }
        list.add(new Invocation(List.of(), InputStyle.PIPE_NAMED));
        return list;
    }

    static List<List<String>> fullSets() {
        return List.of(
            List.of(),
            List.of("-q"),
            List.of("-s"),
            List.of("-t"),
            List.of("-s", "-t"),
            List.of("-s", "-h"),
            List.of("-t", "-v"),
            List.of("-v"),
            List.of("-q", "-s", "-t", "-h"),
            List.of("-b", "2", "-t", "-s"),
            List.of("-O", "-d", "dump.bin"),
            List.of("-d", "dump.bin", "-M"),
            List.of("-d", "dump.bin"),
            List.of("-o", "out.txt"),
            List.of("-o", "out.txt", "-d", "-"),
            List.of("-o", "missing-dir/out.txt"),
            List.of("-d", "missing-dir/dump.bin", "-q"),
            List.of("-D", "missing-dir"),
            List.of("-a", "write"),
            List.of("-a", "read", "-a", "complete"),
            List.of("-a", "notify"),
            List.of("-a", "pc"),
            List.of("-a", "BLK_TC_QUEUE", "-a", "Issue"),
            List.of("-A", "0x10"),
            List.of("-A", "c0"),
            List.of("-w", "0.0002"),
            List.of("-w", "0.0001:0.0003"),
            List.of("-b", "1"),
            List.of("-b", "2"),
            List.of("-b", "3"),
            List.of("-b", "512"),
            List.of("-b", "100000", "-s"),
            List.of("-f", ALL_FIELDS),
            List.of("-f", WIDTHS),
            perLetterFormats(),
            List.of("-f", ESCAPES),
            List.of("-f", BAD_ESCAPE),
            List.of("-f", "%u\\n"),
            List.of("-t", "-F", "D,%a %u\\n", "-F", "C,%a %-8u|\\n"));
    }

    /** A -F for every letter the reference accepts, with widths and alignment. */
    static List<String> perLetterFormats() {
        return List.of(
            "-F", "Q,Q %D %c %s %T.%t %p %d %S+%n [%C]\\n",
            "-F", "M,M %-6p|%6p|%-12S|%N\\n",
            "-F", "F,F %08p %-5t %3T\\n",
            "-F", "G,G %e %m %M %12D|\\n",
            "-F", "S,S %5q %% %-4a|\\n",
            "-F", "R,R %s %e\\n",
            "-F", "D,D %P|%-20P|%n\\n",
            "-F", "C,C %P %e %C\\n",
            "-F", "P,P %C %-16C|\\n",
            "-F", "U,%a %U %-12U|\\n",
            "-F", "I,I %P %z\\n",
            "-F", "X,X %S / %U\\n",
            "-F", "B,B %c %-4c|%4c|\\n",
            "-F", "A,A %S %n (%M,%m)\\n",
            "-F", "W,never\\n",
            "-F", "T,never\\n");
    }

    /** Option sets also run with stdout on a terminal. */
    static List<List<String>> terminalSets() {
        return List.of(List.of(), List.of("-q", "-s"), List.of("-o", "out.txt"), List.of("-O", "-d", "dump.bin"));
    }

    static List<List<String>> trackingSets() {
        return List.of(
            List.of("-t"),
            List.of("-t", "-s"),
            List.of("-t", "-q", "-s", "-h"),
            List.of("-t", "-o", "out.txt"),
            List.of("-t", "-w", "0.0002"),
            List.of("-t", "-w", "0.0001:0.0003"),
            List.of("-t", "-v"),
            List.of("-t", "-f", "%a %S %u\\n"),
            List.of("-t", "-F", "D,%a %u\\n", "-F", "C,%a %-8u|\\n", "-F", "I,%a %S %u\\n"));
    }

    static List<List<String>> inputHandlingSets() {
        return List.of(
            List.of(),
            List.of("-q"),
            List.of("-s"),
            List.of("-v"),
            List.of("-d", "dump.bin"),
            List.of("-O", "-d", "dump.bin"),
            List.of("-o", "out.txt"),
            List.of("-b", "1"),
            List.of("-b", "2"));
    }
}
