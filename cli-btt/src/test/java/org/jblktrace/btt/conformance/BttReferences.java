package org.jblktrace.btt.conformance;

import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;

/**
 * The Debian releases the btt suites compare with: both, or the one the {@value #PROPERTY}
 * system property names ({@code 1.2} or {@code 1.3}) for a machine that has only that one, such
 * as the Debian 13 chroot of {@code scripts/debian13} (the property is blkparse's suite's too).
 */
public final class BttReferences {
    public static final String PROPERTY = "jbt.reference";

    private BttReferences() {
    }

    /** The releases this run compares with, Debian 12's first when both. */
    public static List<Release> releases() {
        String name = System.getProperty(PROPERTY, "");
        if (name.isEmpty()) {
            return List.of(Release.values());
        }
        for (Release release : Release.values()) {
            if (release.name.equals(name)) {
                return List.of(release);
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be 1.2 or 1.3, not '" + name + "'");
    }

    /** Debian's blkparse that writes the suites' dumps: both releases' -d write the same bytes. */
    public static Path blkparse() {
        return ReferenceTools.tool(releases().get(0), "blkparse");
    }
}
