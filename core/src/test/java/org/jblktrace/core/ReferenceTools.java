package org.jblktrace.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.kernel.HostFacility;

/**
 * The C tools our tools are compared with, one set per release of Debian's blktrace package,
 * as {@code scripts/reference-tools} installs them: a missing one skips a test on a developer
 * machine and fails it under CI.
 */
public final class ReferenceTools {
    /** The releases people run: Debian 12's package and Debian 13's. */
    public enum Release {
        /** blkparse 1.2.0, btt 2.09 (Debian 12, Ubuntu 24.04). */
        V1_2("1.2", Compat.V1_2),
        /** blkparse 1.3.0, btt 2.09 (Debian 13, Fedora, openSUSE). */
        V1_3("1.3", Compat.V1_3);

        public final String name;
        /** The mode of our tools that reproduces this release. */
        public final Compat compat;

        Release(String name, Compat compat) {
            this.name = name;
            this.compat = compat;
        }
    }

    /**
     * The system property that restricts a run to one release ({@code -Djbt.reference=1.3}), for
     * a machine that has only that release's tools, such as a Debian 13 system.
     */
    public static final String PROPERTY = "jbt.reference";

    private static final Path DIRECTORY = Path.of(System.getenv().getOrDefault("JBT_REFERENCES",
            "/var/cache/jblktrace/references"));

    private ReferenceTools() {
    }

    /** The releases this run compares with: both, or the one {@value #PROPERTY} names. */
    public static List<Release> selected() {
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

    /** RELEASE's TOOL (blkparse, btt, blktrace; btrace in 1.2), required to be installed. */
    public static Path tool(Release release, String tool) {
        Path path = DIRECTORY.resolve(release.name).resolve(tool);
        HostFacility.require(Files.isExecutable(path),
                "Debian's " + tool + " " + release.name + " at " + path + " (install with scripts/reference-tools)");
        return path;
    }
}
