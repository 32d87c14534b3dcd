package org.jblktrace.core.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line scanning that behaves like glibc's {@code getopt_long}, so that our tools accept
 * and reject exactly what the C tools do, with the same error lines.
 *
 * <p>Short options are given in getopt's string syntax ({@code "a:bc"}: a letter followed by
 * {@code ':'} takes an argument). Long options keep their table order, which decides how
 * abbreviations resolve and the order of ambiguity lists. Operands and options may interleave
 * (glibc's default permutation) unless {@code posixlyCorrect} is set, as glibc does when the
 * {@code POSIXLY_CORRECT} environment variable exists: then the first operand ends the options.
 */
public final class GnuGetopt {
    /**
     * One entry of the long-option table; {@code key} is what a match reports. An option that is
     * not {@code abbreviable} matches only its full name, so that an option a tool adds to the C
     * tool's table cannot make the C options' abbreviations ambiguous.
     */
    public record LongOption(String name, boolean takesArgument, char key, boolean abbreviable) {
        public LongOption(String name, boolean takesArgument, char key) {
            this(name, takesArgument, key, true);
        }
    }

    /** One option found on the command line; {@code argument} is null for flags. */
    public record Match(char key, String argument) {
    }

    private final String program;
    private final String shortOptions;
    private final List<LongOption> longOptions;
    private final boolean posixlyCorrect;

    /**
     * @param program        the name error lines start with (argv[0] as invoked)
     * @param shortOptions   getopt option string, without glibc's leading mode characters
     * @param longOptions    long options in table order
     * @param posixlyCorrect stop at the first operand instead of permuting
     */
    public GnuGetopt(String program, String shortOptions, List<LongOption> longOptions,
                     boolean posixlyCorrect) {
        this.program = program;
        this.shortOptions = shortOptions;
        this.longOptions = List.copyOf(longOptions);
        this.posixlyCorrect = posixlyCorrect;
    }

    /** Starts scanning {@code args} (the arguments after argv[0]). */
    public Scan scan(String[] args) {
        return new Scan(args);
    }

    /** Scanning state over one argument vector; options come out one at a time, in order. */
    public final class Scan {
        private final String[] args;
        private int index;
        /** The short-option cluster being taken apart, and the position of its next letter. */
        private String cluster;
        private int clusterPos;
        private final List<String> operands = new ArrayList<>();

        private Scan(String[] args) {
            this.args = args.clone();
        }

        /**
         * The next option, or null once options are exhausted (then {@link #operands()} is
         * complete).
         *
         * @throws GetoptException with glibc's message for an option that cannot be accepted
         */
        public Match next() throws GetoptException {
            if (cluster != null) {
                return nextShort();
            }
            while (index < args.length) {
                String arg = args[index];
                if (arg.equals("--")) {
                    index++;
                    takeRemainingAsOperands();
                    return null;
                }
                if (arg.length() < 2 || arg.charAt(0) != '-') {
                    if (posixlyCorrect) {
                        takeRemainingAsOperands();
                        return null;
                    }
                    operands.add(arg);
                    index++;
                    continue;
                }
                if (arg.charAt(1) == '-') {
                    index++;
                    return longOption(arg.substring(2));
                }
                cluster = arg;
                clusterPos = 1;
                return nextShort();
            }
            return null;
        }

        /** Non-option arguments in command-line order; complete once {@link #next()} returned null. */
        public List<String> operands() {
            return operands;
        }

        private void takeRemainingAsOperands() {
            operands.addAll(Arrays.asList(args).subList(index, args.length));
            index = args.length;
        }

        private Match nextShort() throws GetoptException {
            char letter = cluster.charAt(clusterPos++);
            String rest = cluster.substring(clusterPos);
            if (rest.isEmpty()) {
                cluster = null;
                index++;
            }
            int at = shortOptions.indexOf(letter);
            // getopt never accepts its own syntax characters as options.
            if (at < 0 || letter == ':' || letter == ';') {
                throw new GetoptException(program + ": invalid option -- '" + letter + "'");
            }
            boolean takesArgument = at + 1 < shortOptions.length() && shortOptions.charAt(at + 1) == ':';
            if (!takesArgument) {
                return new Match(letter, null);
            }
            if (!rest.isEmpty()) {
                cluster = null;
                index++;
                return new Match(letter, rest);
            }
            if (index < args.length) {
                return new Match(letter, args[index++]);
            }
            throw new GetoptException(program + ": option requires an argument -- '" + letter + "'");
        }

        private Match longOption(String body) throws GetoptException {
            int equals = body.indexOf('=');
            String name = equals < 0 ? body : body.substring(0, equals);
            LongOption found = resolve(name, body);
            if (equals >= 0) {
                if (!found.takesArgument()) {
                    throw new GetoptException(program + ": option '--" + found.name()
                            + "' doesn't allow an argument");
                }
                return new Match(found.key(), body.substring(equals + 1));
            }
            if (!found.takesArgument()) {
                return new Match(found.key(), null);
            }
            if (index < args.length) {
                return new Match(found.key(), args[index++]);
            }
            throw new GetoptException(program + ": option '--" + found.name() + "' requires an argument");
        }
    }

    /**
     * An exact name wins; otherwise a unique prefix. Prefix matches that behave identically to
     * the first one (same argument rule and key) do not make it ambiguous, as in glibc.
     */
    private LongOption resolve(String name, String body) throws GetoptException {
        for (LongOption option : longOptions) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        LongOption first = null;
        List<LongOption> ambiguous = new ArrayList<>();
        for (LongOption option : longOptions) {
            if (!option.abbreviable() || !option.name().startsWith(name)) {
                continue;
            }
            if (first == null) {
                first = option;
                ambiguous.add(option);
            } else if (option.takesArgument() != first.takesArgument() || option.key() != first.key()) {
                ambiguous.add(option);
            }
        }
        if (first == null) {
            throw new GetoptException(program + ": unrecognized option '--" + body + "'");
        }
        if (ambiguous.size() > 1) {
            StringBuilder message = new StringBuilder(program).append(": option '--").append(body)
                    .append("' is ambiguous; possibilities:");
            for (LongOption option : ambiguous) {
                message.append(" '--").append(option.name()).append('\'');
            }
            throw new GetoptException(message.toString());
        }
        return first;
    }
}
