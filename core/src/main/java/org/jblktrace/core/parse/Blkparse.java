package org.jblktrace.core.parse;

/** TEMP placeholder for the engine helper's class so the cli branch compiles; replaced at merge. */
public final class Blkparse {
    public Blkparse(ParseOptions options, ParseContext context) {
    }

    public int run() {
        throw new UnsupportedOperationException("engine not merged yet");
    }

    public void stop() {
    }
}
