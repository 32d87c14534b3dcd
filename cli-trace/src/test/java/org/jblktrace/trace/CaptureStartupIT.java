package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jblktrace.core.ProcessOutcome;
import org.jblktrace.core.kernel.HostKernel;
import org.jblktrace.core.kernel.LoopDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * blktrace's archive is dumped from cli-trace/src/main/cds/blktrace.classlist, not recorded by a
 * run (scripts/cds-archives): a capture on this host must find every class of ours and of JNA
 * there, or the list is out of date. Package phase, see cli-trace/pom.xml.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(TracefsLock.class)
@HostKernel
class CaptureStartupIT {
    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aCaptureLoadsItsClassesFromTheArchive() throws Exception {
        Path classes = dir.resolve("classes.log");
        try (LoopDevice loop = LoopDevice.create(16 << 20)) {
            ProcessOutcome outcome = ProcessOutcome.run(dir,
                    Map.of("JBLKTRACE_JAVA_OPTS", "-Xlog:class+load:file=" + classes),
                    List.of(CHECKOUT.resolve("scripts/blktrace").toString(), "-d", loop.path,
                            "-w", "1", "-D", dir.toString()));
            assertEquals(0, outcome.status(), outcome.toString());
        }
        List<String> fromJars = Files.readAllLines(classes).stream()
                .filter(line -> line.contains("source: file:")).toList();
        assertTrue(fromJars.isEmpty(), "classes the archive lacks; as root, run scripts/cds-archives --classlist "
                + "/dev/loopN on an idle loop device, then commit the list: " + fromJars);
    }
}
