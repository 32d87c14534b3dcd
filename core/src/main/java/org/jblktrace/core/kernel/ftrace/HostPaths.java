package org.jblktrace.core.kernel.ftrace;

import java.nio.file.Path;

/** Where the host's proc, sys and tracefs trees are; tests point these at fakes. */
final class HostPaths {
    static final HostPaths SYSTEM = new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/sys/kernel/tracing"));

    final Path proc;
    final Path sys;
    /** Where tracefs is mounted if it is not mounted anywhere yet. */
    final Path tracefsMountPoint;

    HostPaths(Path proc, Path sys, Path tracefsMountPoint) {
        this.proc = proc;
        this.sys = sys;
        this.tracefsMountPoint = tracefsMountPoint;
    }
}
