package org.jblktrace.core.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jblktrace.core.kernel.DeviceNode;
import org.jblktrace.core.kernel.RunOwner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner records of module traces; tearing down a dead run's trace needs the module and is
 * proven in the guests (kernel/tests/guest/blktrace-module.sh).
 */
class ModuleTraceOwnersTest {
    private static final DeviceNode VDA = new DeviceNode("/dev/vda", "vda", 254, 0, Path.of("/sys/block/vda"));

    @TempDir
    Path run;

    private final Path proc = RunOwner.PROC;

    @Test
    void aRunClaimsADeviceOnceAndReleasesIt() throws Exception {
        ModuleTraceOwners owners = new ModuleTraceOwners(run.resolve("jblktrace"), proc);
        assertTrue(owners.claim(VDA));
        assertEquals(RunOwner.self(proc), owners.owner(VDA));
        assertFalse(owners.claim(VDA), "a second claim while the record is there");
        owners.release(VDA);
        assertNull(owners.owner(VDA));
    }

    @Test
    void aLiveOwnersTraceIsNotTouched() throws Exception {
        ModuleTraceOwners owners = new ModuleTraceOwners(run, proc);
        owners.claim(VDA);
        // No control device is needed: nothing is torn down.
        assertNull(owners.recoverAbandoned(VDA, null));
        assertEquals(RunOwner.self(proc), owners.owner(VDA));
    }

    @Test
    void withoutARecordNothingIsTouched() throws Exception {
        assertNull(new ModuleTraceOwners(run, proc).recoverAbandoned(VDA, null));
    }

    @Test
    void aRecordCutShortByACrashNamesADeadOwner() throws Exception {
        Files.writeString(run.resolve("module-254:0"), "12");
        RunOwner owner = new ModuleTraceOwners(run, proc).owner(VDA);
        assertFalse(owner.isAlive(proc));
    }
}
