package org.jblktrace.core.parse;

/** Looks up the task name blkparse shows for a pid. */
@FunctionalInterface
public interface ProcessNames {
    /** The registered name of {@code pid}, or null when none is known (printed as "(null)"). */
    String nameOf(int pid);
}
