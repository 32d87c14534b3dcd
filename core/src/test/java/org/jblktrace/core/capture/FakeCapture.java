package org.jblktrace.core.capture;

import java.util.ArrayList;
import java.util.List;

/** A capture that records what is asked of it and reports set figures. */
final class FakeCapture implements RunningCapture {
    final List<String> calls = new ArrayList<>();
    Backend backend = Backend.MODULE;
    boolean recordedEvent;
    String recordProblem;
    List<String> stopProblems = List.of();

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public int version() {
        return 7;
    }

    @Override
    public List<String> deviceNames() {
        return List.of("vda");
    }

    @Override
    public List<String> stop() {
        calls.add("stop");
        return stopProblems;
    }

    @Override
    public void close() {
        calls.add("close");
    }

    @Override
    public long dropped(int device) {
        return 0;
    }

    @Override
    public boolean recordedEvent(int device) {
        return recordedEvent;
    }

    @Override
    public String recordProblem() {
        return recordProblem;
    }
}
