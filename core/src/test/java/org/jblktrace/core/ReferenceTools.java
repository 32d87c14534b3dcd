package org.jblktrace.core;

import java.nio.file.Files;
import java.nio.file.Path;
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
        V1_2("1.2"),
        /** blkparse 1.3.0, btt 2.09 (Debian 13, Fedora, openSUSE). */
        V1_3("1.3");

        public final String name;

        Release(String name) {
            this.name = name;
        }
    }

    private static final Path DIRECTORY = Path.of(System.getenv().getOrDefault("JBT_REFERENCES",
            "/var/cache/jblktrace/references"));

    private ReferenceTools() {
    }

    /** RELEASE's TOOL (blkparse, btt, blktrace; btrace in 1.2), required to be installed. */
    public static Path tool(Release release, String tool) {
        Path path = DIRECTORY.resolve(release.name).resolve(tool);
        HostFacility.require(Files.isExecutable(path),
                "Debian's " + tool + " " + release.name + " at " + path + " (install with scripts/reference-tools)");
        return path;
    }
}
