/**
 * Conformance of our blkparse with Debian's blkparse 1.2.0 ({@code /usr/bin/blkparse}, package
 * {@code blktrace}), plus the trace generator, fuzzer and benchmark input behind it.
 *
 * <ul>
 *   <li>{@link org.jblktrace.parse.conformance.TraceBuilder} and
 *       {@link org.jblktrace.parse.conformance.TraceGenerator} build deterministic traces (per-CPU
 *       files and the equivalent {@code blktrace -o -} stream, v7 or v8, either byte order);
 *       {@link org.jblktrace.parse.conformance.Scenarios} names the ones the suite uses and
 *       {@link org.jblktrace.parse.conformance.BulkTraceWriter} writes benchmark traces fast.</li>
 *   <li>{@link org.jblktrace.parse.conformance.ConformanceTest} runs every scenario under every
 *       {@link org.jblktrace.parse.conformance.OptionMatrix option set} with both tools and
 *       compares stdout, stderr, written files and zero/non-zero status byte for byte.</li>
 *   <li>{@link org.jblktrace.parse.conformance.ReferenceDivergenceTest} pins our behaviour where
 *       the reference prints uninitialised memory or crashes;
 *       {@link org.jblktrace.parse.conformance.Version8Test} checks v8 traces, which the reference
 *       cannot read; {@link org.jblktrace.parse.conformance.FuzzTest} mutates traces.</li>
 * </ul>
 *
 * <p>To look at a scenario by hand: {@code java -cp cli-parse/target/test-classes:core/target/classes
 * org.jblktrace.parse.conformance.GeneratorMain scenario NAME DIR} writes its files and
 * {@code NAME.pipe} (list the names with {@code ... GeneratorMain list}); a failing case's
 * report gives the scenario and the exact command line to rerun there.
 */
package org.jblktrace.parse.conformance;
