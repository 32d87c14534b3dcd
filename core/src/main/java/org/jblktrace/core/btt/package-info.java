/**
 * btt, the latency analysis of a {@code blkparse -d} dump: the engine ({@link org.jblktrace.core.btt.Btt}),
 * its report and side files byte for byte as Debian's btt 2.09 writes them, and the extras
 * (percentiles, JSON).
 */
package org.jblktrace.core.btt;
