package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracefsTest {
    @TempDir
    Path dir;

    private static final String MOUNTS = "proc /proc proc rw,nosuid 0 0\n"
        + "debugfs /sys/kernel/debug debugfs rw 0 0\n"
        + "tracefs /sys/kernel/debug/tracing tracefs rw 0 0\n"
        + "tracefs /mnt/my\\040trace tracefs rw 0 0\n";

    @Test
    void mountPointsOfTracefsAreFoundWithEscapesDecoded() {
        assertEquals(List.of(Path.of("/sys/kernel/debug/tracing"), Path.of("/mnt/my trace")),
            Tracefs.tracefsMountPoints(MOUNTS));
        assertEquals("a\\b", Tracefs.unescapeMountField("a\\134b"));
        assertEquals("tab\there", Tracefs.unescapeMountField("tab\\011here"));
        assertEquals("not\\9escape", Tracefs.unescapeMountField("not\\9escape"));
    }

    private HostPaths host(String mounts, Path mountPoint) throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("mounts"), mounts);
        return new HostPaths(proc, dir.resolve("sys"), mountPoint, dir.resolve("run"));
    }

    @Test
    void theUsualMountPointIsPreferred() throws Exception {
        Path usual = dir.resolve("tracing");
        Tracefs t = Tracefs.locate(host(MOUNTS + "tracefs " + usual + " tracefs rw 0 0\n", usual));
        assertEquals(usual, t.root());
        assertEquals(null, t.unmountIfMountedHere());
    }

    @Test
    void anotherMountPointIsUsedWhenTheUsualOneIsAbsent() throws Exception {
        Tracefs t = Tracefs.locate(host(MOUNTS, dir.resolve("tracing")));
        assertEquals(Path.of("/sys/kernel/debug/tracing"), t.root());
    }

    @Test
    void aFailedMountIsOneLine() throws Exception {
        Path nowhere = dir.resolve("missing/tracing");
        CaptureException e = assertThrows(CaptureException.class,
            () -> Tracefs.locate(host("proc /proc proc rw 0 0\n", nowhere)));
        String prefix = "tracefs is not mounted and mounting it on " + nowhere + " failed: ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertFalse(e.getMessage().substring(prefix.length()).isBlank());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void choiceListsAreRead() {
        String clocks = "[local] global counter uptime perf mono mono_raw boot tai x86-tsc";
        assertEquals("local", Tracefs.selected(clocks));
        assertEquals("mono", Tracefs.selected("local global [mono] mono_raw"));
        assertTrue(Tracefs.listContains(clocks, "mono"));
        assertTrue(Tracefs.listContains(clocks, "local"));
        assertFalse(Tracefs.listContains(clocks, "mon"));
        assertTrue(Tracefs.listContains("blk function nop\n", "blk"));
        assertFalse(Tracefs.listContains("function nop", "blk"));
    }
}
