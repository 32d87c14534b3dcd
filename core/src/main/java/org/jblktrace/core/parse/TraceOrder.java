package org.jblktrace.core.parse;

import java.nio.ByteOrder;

/** The byte order of all inputs of a run, decided by the first record that has the magic in either order. */
final class TraceOrder {
    /** Null until decided. */
    ByteOrder value;
}
