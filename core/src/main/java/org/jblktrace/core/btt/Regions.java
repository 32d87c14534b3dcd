package org.jblktrace.core.btt;

/** Queue and completion activity periods of the system, a device or a process. */
final class Regions {
    final Ranges queued = new Ranges();
    final Ranges completed = new Ranges();
}
