package org.jblktrace.core.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TraceSetupTest {

    @Test
    void encodesEveryFieldAtItsOffsetAndZeroesTheRest() {
        ByteBuffer struct = ByteBuffer.allocate(ModuleAbi.SETUP_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < ModuleAbi.SETUP_SIZE; i++) {
            struct.put(i, (byte) 0x5A);
        }
        new TraceSetup(254, 16, 0xFFFE, 524288, 4, 1234, 2048, 4095, ModuleAbi.VERSION_8).encode(struct);

        assertEquals(254, struct.getInt(ModuleAbi.SETUP_MAJOR));
        assertEquals(16, struct.getInt(ModuleAbi.SETUP_MINOR));
        assertEquals((short) 0xFFFE, struct.getShort(ModuleAbi.SETUP_ACT_MASK));
        assertEquals(8, struct.getShort(ModuleAbi.SETUP_VERSION));
        assertEquals(524288, struct.getInt(ModuleAbi.SETUP_BUF_SIZE));
        assertEquals(4, struct.getInt(ModuleAbi.SETUP_BUF_NR));
        assertEquals(1234, struct.getInt(ModuleAbi.SETUP_PID));
        assertEquals(2048, struct.getLong(ModuleAbi.SETUP_START_LBA));
        assertEquals(4095, struct.getLong(ModuleAbi.SETUP_END_LBA));
        for (int i = ModuleAbi.SETUP_NAME; i < ModuleAbi.SETUP_SIZE; i++) {
            assertEquals(0, struct.get(i), "name byte " + i);
        }
    }

    @Test
    void wholeDeviceTracesEverythingInVersion7() {
        TraceSetup setup = TraceSetup.wholeDevice(8, 0, 4096, 2);
        assertEquals(new TraceSetup(8, 0, 0, 4096, 2, 0, 0, 0, ModuleAbi.VERSION_7), setup);
        assertEquals(new TraceSetup(8, 0, 0, 4096, 2, 0, 0, 0), setup);
    }

    @Test
    void versionIsSentAsAsked() {
        ByteBuffer struct = ByteBuffer.allocate(ModuleAbi.SETUP_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        TraceSetup setup = TraceSetup.wholeDevice(8, 0, 4096, 2);
        setup.encode(struct);
        assertEquals(7, struct.getShort(ModuleAbi.SETUP_VERSION));
        setup.withVersion(ModuleAbi.VERSION_8).encode(struct);
        assertEquals(8, struct.getShort(ModuleAbi.SETUP_VERSION));
        assertEquals(setup, setup.withVersion(ModuleAbi.VERSION_8).withVersion(ModuleAbi.VERSION_7));
    }

    @Test
    void rejectsValuesTheKernelCannotTake() {
        assertThrows(IllegalArgumentException.class, () -> new TraceSetup(4096, 0, 0, 1, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceSetup(8, 0x100000, 0, 1, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceSetup(8, 0, 0x10000, 1, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceSetup(8, 0, 0, 0, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceSetup(8, 0, 0, 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceSetup(8, 0, 0, 1, 1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceSetup(8, 0, 0, 1, 1, 0, -1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TraceSetup(8, 0, 0, 1, 1, 0, 100, 50));
        assertEquals("end LBA 50 is before start LBA 100", e.getMessage());
        for (int version : new int[] {0, 6, 9}) {
            assertEquals("record version " + version + " is neither 7 nor 8",
                    assertThrows(IllegalArgumentException.class,
                            () -> new TraceSetup(8, 0, 0, 1, 1, 0, 0, 0, version)).getMessage());
        }
    }
}
