/**
 * Block event capture through the ftrace {@code blk} tracer, for kernels whose blktrace relay
 * files are unusable (lockdown makes debugfs {@code trace<cpu>} reads fail with EPERM).
 *
 * <p>What the kernel provides, measured on 6.18 and read in {@code kernel/trace/blktrace.c}:
 * <ul>
 * <li>Per device, {@code /sys/class/block/NAME/trace/enable=1} attaches a trace (act mask all,
 *     LBA range the device's) that records into the ftrace ring buffer while
 *     {@code current_tracer} is {@code blk} and {@code tracing_on} is 1.</li>
 * <li>With {@code options/bin=1} each {@code per_cpu/cpuN/trace_pipe} read returns whole
 *     version 7 records: magic set, sequence 0, time = the trace clock's timestamp, every other
 *     field (pid, cpu, device, action, error, payload) as the relay path fills it. Unless
 *     {@code options/context-info=0}, each record is preceded by 16 bytes: pid (4), cpu (4),
 *     timestamp (8). Reads return at most about 8 KiB and block until data is present.</li>
 * <li>The kernel emits no PROCESS or TIMESTAMP notes on this path; messages (e.g. from bfq) come
 *     with the cgroup flag and an 8-byte cgroup id before the text.</li>
 * <li>{@code trace_clock=mono} is CLOCK_MONOTONIC, the clock of {@code ktime_get()} used by relay
 *     records. The default {@code local} clock is not.</li>
 * <li>{@code per_cpu/cpuN/stats} counts unread {@code entries} and lost events
 *     ({@code overrun}, {@code commit overrun}, {@code dropped events}).</li>
 * <li>While a {@code trace_pipe} is open, {@code current_tracer} cannot be changed (EBUSY).</li>
 * </ul>
 */
package org.jblktrace.core.kernel.ftrace;
