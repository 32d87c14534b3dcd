package org.jblktrace.parse.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * One blkparse command line for a scenario: options plus the way inputs are named.
 *
 * @param options the options, before the inputs
 * @param style how the scenario's inputs appear on the command line
 * @param terminal whether stdout is a terminal (it changes where "Input file" lines go, Q-BP2)
 */
record Invocation(List<String> options, InputStyle style, boolean terminal) {

    Invocation(List<String> options, InputStyle style) {
        this(options, style, false);
    }

    /** How inputs are given; the suite writes every trace both in the run directory and in {@code in/}. */
    enum InputStyle {
        /** {@code -i NAME} per input. */
        NAMES,
        /** Input names as plain operands after the options. */
        OPERANDS,
        /** {@code -D in -i NAME}. */
        INPUT_DIRECTORY,
        /** {@code -i in/NAME} for the first input, whose directory then applies to the others (Q-BP19). */
        DIRECTORY_PREFIX,
        /** {@code -i NAME.blktrace.0}: everything from ".blktrace." on is cut. */
        CPU_FILE_NAME,
        /** {@code -i -} with the pipe stream on stdin. */
        PIPE,
        /** {@code -i - -i foo -i bar}: the extra names label the streamed devices in order of appearance (Q-BP19). */
        PIPE_NAMED
    }

    boolean pipe() {
        return style == InputStyle.PIPE || style == InputStyle.PIPE_NAMED;
    }

    boolean tracks() {
        return options.contains("-t");
    }

    List<String> args(List<String> inputs) {
        List<String> args = new ArrayList<>(options);
        switch (style) {
            case NAMES:
                inputs.forEach(name -> {
                    args.add("-i");
                    args.add(name);
                });
                break;
            case OPERANDS:
                args.addAll(inputs);
                break;
            case INPUT_DIRECTORY:
                args.add("-D");
                args.add(ConformanceTest.INPUT_SUBDIR);
                inputs.forEach(name -> {
                    args.add("-i");
                    args.add(name);
                });
                break;
            case DIRECTORY_PREFIX:
                for (int i = 0; i < inputs.size(); i++) {
                    args.add("-i");
                    args.add(i == 0 ? ConformanceTest.INPUT_SUBDIR + "/" + inputs.get(i) : inputs.get(i));
                }
                break;
            case CPU_FILE_NAME:
                inputs.forEach(name -> {
                    args.add("-i");
                    args.add(name + ".blktrace.0");
                });
                break;
            case PIPE:
                args.add("-i");
                args.add("-");
                break;
            case PIPE_NAMED:
                args.add("-i");
                args.add("-");
                args.add("-i");
                args.add("foo");
                args.add("-i");
                args.add("bar");
                break;
            default:
                throw new IllegalStateException(style.toString());
        }
        return args;
    }

    String label(List<String> inputs) {
        return style.name().toLowerCase().replace('_', '-') + (terminal ? " on a terminal" : "") + ": blkparse "
            + String.join(" ", quoted(args(inputs)));
    }

    /** The arguments as a shell would need them, single-quoted where necessary. */
    static List<String> quoted(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.matches("[A-Za-z0-9_./:,=+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return out;
    }
}
