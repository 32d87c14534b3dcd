package org.jblktrace.parse.conformance;

import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.ReferenceTools;
import org.jblktrace.core.ReferenceTools.Release;
import org.jblktrace.core.cli.Compat;

/**
 * A reference blkparse and the modes of ours that must equal it byte for byte: Debian 12's
 * blkparse 1.2.0 for {@code --compat=1.2}; Debian 13's blkparse 1.3.0 for {@code --compat=1.3}
 * and, on version 7 input, for the default mode. {@value #PROPERTY} restricts a run to one
 * reference ({@code 1.2} or {@code 1.3}), for a machine that has only that one.
 */
enum Reference {
    BLKPARSE_1_2(Release.V1_2, List.of(Compat.V1_2)),
    BLKPARSE_1_3(Release.V1_3, List.of(Compat.V1_3, Compat.CURRENT));

    static final String PROPERTY = "jbt.reference";

    final Release release;
    /** Our modes compared with this reference, the compat mode first. */
    final List<Compat> modes;

    Reference(Release release, List<Compat> modes) {
        this.release = release;
        this.modes = modes;
    }

    /** The references this run compares with: both, or the one {@value #PROPERTY} names. */
    static List<Reference> selected() {
        String release = System.getProperty(PROPERTY, "");
        if (release.isEmpty()) {
            return List.of(values());
        }
        for (Reference reference : values()) {
            if (reference.release.name.equals(release)) {
                return List.of(reference);
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be 1.2 or 1.3, not '" + release + "'");
    }

    /** The reference blkparse; fails under CI and skips elsewhere when it is not installed. */
    Path tool() {
        return ReferenceTools.tool(release, "blkparse");
    }

    /** The compat mode this reference's release is. */
    Compat compat() {
        return modes.get(0);
    }

    @Override
    public String toString() {
        return "blkparse " + release.name + ".0";
    }
}
