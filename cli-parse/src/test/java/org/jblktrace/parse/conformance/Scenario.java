package org.jblktrace.parse.conformance;

import java.util.List;
import java.util.Map;

/**
 * A named generated trace and how the conformance suite uses it.
 *
 * @param inputs input names in command-line order (file mode)
 * @param optionSets which option matrix the suite runs on it
 * @param pipeTracking whether -t may run in pipe mode: only when the stream is time-ordered,
 *                     as otherwise the reference reads uninitialised tracking times (Q-BP16)
 * @param events events per input name that blkparse must report (empty when the trace is
 *               deliberately damaged and no count is promised)
 * @param tracking13Undefined whether blkparse 1.3.0 with -t corrupts its own memory on this trace
 *                            (a split whose remainder aliases a tracked sector, then its
 *                            completion): such runs are not compared with it
 */
record Scenario(String name, TraceFiles trace, List<String> inputs, OptionSets optionSets, boolean pipeTracking,
                Map<String, Integer> events, boolean tracking13Undefined) {

    Scenario(String name, TraceFiles trace, List<String> inputs, OptionSets optionSets, boolean pipeTracking,
             Map<String, Integer> events) {
        this(name, trace, inputs, optionSets, pipeTracking, events, false);
    }

    /** This scenario, marked as one on which blkparse 1.3.0's -t is undefined. */
    Scenario withTracking13Undefined() {
        return new Scenario(name, trace, inputs, optionSets, pipeTracking, events, true);
    }

    /** The option matrix a scenario is run with. */
    enum OptionSets {
        /** Every option set of the suite. */
        FULL,
        /** The option sets that change how input is read and counted. */
        INPUT_HANDLING,
        /**
         * The -t option sets that keep blkparse 1.2.0 from freeing records while it tracks, which ours
         * does not model for file mode (small -b, -O): plain, -s, -o, -w, -v, %u in -f and -F.
         */
        TRACKING
    }
}
