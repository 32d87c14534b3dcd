package org.jblktrace.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.HostFacility;

/**
 * The Java runtimes the launcher tests run the tools on, and where the launchers keep each
 * runtime's class-data sharing archives (scripts/launcher.sh).
 */
public final class JavaRuntimes {
    /** Java homes separated by ':'; scripts/test lists every runtime of the machine or chroot. */
    public static final String ENVIRONMENT = "JBT_JDKS";

    private JavaRuntimes() {
    }

    /** The home of the runtime running the tests, symbolic links resolved. */
    public static Path current() {
        return realPath(Path.of(System.getProperty("java.home")));
    }

    /**
     * The runtimes {@value #ENVIRONMENT} names (each required to be there), or the one running
     * the tests when it is unset.
     */
    public static List<Path> underTest() {
        String listed = System.getenv().getOrDefault(ENVIRONMENT, "");
        if (listed.isEmpty()) {
            return List.of(current());
        }
        List<Path> homes = new ArrayList<>();
        for (String home : listed.split(":")) {
            Path java = Path.of(home, "bin", "java");
            HostFacility.require(Files.isExecutable(java), "the Java runtime " + home + " (" + ENVIRONMENT + ")");
            Path real = realPath(Path.of(home));
            if (!homes.contains(real)) {
                homes.add(real);
            }
        }
        return homes;
    }

    /** The archive of launcher NAME (blkparse, blktrace) of MODULE under ROOT for the runtime at HOME. */
    public static Path cdsArchive(Path root, String module, String name, Path home) {
        String key = realPath(home).toString().substring(1).replace('/', '_');
        return root.resolve(module).resolve("target").resolve(name + "-" + key + ".jsa");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
