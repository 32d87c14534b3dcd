/**
 * The blkparse engine. {@link org.jblktrace.core.parse.Blkparse} runs one parse from
 * {@link org.jblktrace.core.parse.ParseOptions}: {@code FileMerge} merges per-CPU files by
 * time, {@code PipeMerge} orders a piped stream in batches, {@code EventProcessor} prints,
 * accounts, tracks and dumps each event, {@code StatsPrinter} writes the statistics, and
 * {@code ParseOutput} reproduces C's separately buffered stdio streams so that stdout, the
 * text output and stderr interleave exactly as blkparse 1.2.0's do.
 */
package org.jblktrace.core.parse;
