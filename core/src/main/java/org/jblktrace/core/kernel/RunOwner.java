package org.jblktrace.core.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that owns kernel state we set up (a tracefs journal, a module trace), named by pid
 * and start time so that a reused pid is not taken for it after a kill -9.
 *
 * @param pid the process id
 * @param startTime field 22 of {@code /proc/PID/stat}: the start in clock ticks since boot
 */
public record RunOwner(long pid, long startTime) {
    public static final Path PROC = Path.of("/proc");

    /** This process. */
    public static RunOwner self(Path proc) {
        return new RunOwner(ProcessHandle.current().pid(), startTime(proc, "self"));
    }

    /** Whether the owner still runs: its pid exists and started when the owner did. */
    public boolean isAlive(Path proc) {
        return startTime >= 0 && startTime(proc, Long.toString(pid)) == startTime;
    }

    /** The start time of {@code /proc/PID}; -1 if there is no such process. */
    public static long startTime(Path proc, String pid) {
        try {
            return startTimeFromStat(Files.readString(proc.resolve(pid).resolve("stat"), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** The start time in a {@code stat} text; the command name may hold spaces and parentheses. */
    private static long startTimeFromStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (the state).
        return Long.parseLong(fields[22 - 3]);
    }
}
