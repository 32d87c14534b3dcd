package org.jblktrace.core.kernel.ftrace;

import java.nio.file.Path;

/** Where the host's proc, sys and tracefs trees are; tests point these at fakes. */
final class HostPaths {
    static final HostPaths SYSTEM = new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/sys/kernel/tracing"),
        Path.of("/run/jblktrace"));

    final Path proc;
    final Path sys;
    /** Where tracefs is mounted if it is not mounted anywhere yet. */
    final Path tracefsMountPoint;
    /** Where the {@link JournalFile} of the running capture is kept. */
    final Path journalDir;

    HostPaths(Path proc, Path sys, Path tracefsMountPoint, Path journalDir) {
        this.proc = proc;
        this.sys = sys;
        this.tracefsMountPoint = tracefsMountPoint;
        this.journalDir = journalDir;
    }
}
