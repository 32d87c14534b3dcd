package org.jblktrace.core.kernel.ftrace;

/** Names the task behind a pid for PROCESS notes. */
interface TaskNameSource {
    /** The task's comm, NUL padded to {@code Blk.COMM_LEN} bytes (at most 15 name bytes). */
    byte[] comm(int pid, int cpu);
}
