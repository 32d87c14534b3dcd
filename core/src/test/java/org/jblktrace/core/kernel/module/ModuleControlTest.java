package org.jblktrace.core.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.jblktrace.core.kernel.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding's native paths without the module: open failures and ioctl errors come back as
 * one-line messages with the kernel's errno.
 */
class ModuleControlTest {
    @Test
    void missingDeviceSuggestsLoadingTheModule(@TempDir Path dir) {
        Path device = dir.resolve("jblktrace");
        ModuleControlException e = assertThrows(ModuleControlException.class, () -> ModuleControl.open(device));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("cannot open " + device + ": No such file or directory (is the jblktrace module loaded?)",
                e.getMessage());
    }

    @Test
    void ioctlErrorsCarryErrnoAndDevice() throws Exception {
        try (ModuleControl control = ModuleControl.open(Path.of("/dev/null"))) {
            ModuleControlException setup = assertThrows(ModuleControlException.class,
                    () -> control.setup(TraceSetup.wholeDevice(254, 0, 4096, 4)));
            assertEquals(Errno.ENOTTY, setup.errno());
            assertEquals("cannot set up a trace of 254:0: Inappropriate ioctl for device", setup.getMessage());

            assertEquals("cannot start the trace of 7:3: Inappropriate ioctl for device",
                    assertThrows(ModuleControlException.class, () -> control.start(7, 3)).getMessage());
            assertEquals("cannot stop the trace of 7:3: Inappropriate ioctl for device",
                    assertThrows(ModuleControlException.class, () -> control.stop(7, 3)).getMessage());
            assertEquals("cannot tear down the trace of 7:3: Inappropriate ioctl for device",
                    assertThrows(ModuleControlException.class, () -> control.teardown(7, 3)).getMessage());
        }
    }

    @Test
    void rejectsDeviceNumbersOutsideDevT() throws Exception {
        try (ModuleControl control = ModuleControl.open(Path.of("/dev/null"))) {
            assertThrows(IllegalArgumentException.class, () -> control.start(4096, 0));
            assertThrows(IllegalArgumentException.class, () -> control.stop(8, -1));
        }
    }

    @Test
    void closedHandleRefusesRequests() throws Exception {
        ModuleControl control = ModuleControl.open(Path.of("/dev/null"));
        control.close();
        control.close();
        assertThrows(IllegalStateException.class, () -> control.start(8, 0));
    }
}
