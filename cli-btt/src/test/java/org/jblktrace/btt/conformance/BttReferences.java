package org.jblktrace.btt.conformance;

import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;

/**
 * The Debian releases the btt suites compare with: {@link ReferenceTools#selected()}, both or
 * the one {@code -Djbt.reference} names (as on the Debian 13 chroot of {@code scripts/debian13}).
 */
public final class BttReferences {
    private BttReferences() {
    }

    /** The releases this run compares with, Debian 12's first when both. */
    public static List<Release> releases() {
        return ReferenceTools.selected();
    }

    /** Debian's blkparse that writes the suites' dumps: both releases' -d write the same bytes. */
    public static Path blkparse() {
        return ReferenceTools.tool(releases().get(0), "blkparse");
    }
}
