/**
 * blkparse event-line text: {@link org.jblktrace.core.parse.format.EventFormatter} renders the
 * default and custom ({@code -f}/{@code -F}) lines byte for byte as blkparse 1.2.0 does, and
 * {@link org.jblktrace.core.parse.format.FormatSpecs} validates and stores the format options.
 * Text is handled as single bytes; task names must therefore be decoded one char per byte
 * (ISO-8859-1) by whoever supplies them.
 */
package org.jblktrace.core.parse.format;
