package org.jblktrace.core.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jblktrace.core.kernel.HeaderProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles kernel/jblktrace.h with gcc and checks that {@link ModuleAbi} mirrors it exactly. */
class ModuleAbiTest {
    private static final String PROBE = """
            #include <stddef.h>
            #include <stdio.h>
            #include "jblktrace.h"
            #define OFF(s, f) printf(#s "." #f "=%zu\\n", offsetof(struct s, f))
            int main(void)
            {
                OFF(jblktrace_setup, major); OFF(jblktrace_setup, minor);
                OFF(jblktrace_setup, act_mask); OFF(jblktrace_setup, version);
                OFF(jblktrace_setup, buf_size); OFF(jblktrace_setup, buf_nr);
                OFF(jblktrace_setup, pid); OFF(jblktrace_setup, start_lba);
                OFF(jblktrace_setup, end_lba); OFF(jblktrace_setup, name);
                OFF(jblktrace_device, major); OFF(jblktrace_device, minor);
                printf("sizeof.setup=%zu\\n", sizeof(struct jblktrace_setup));
                printf("sizeof.device=%zu\\n", sizeof(struct jblktrace_device));
                printf("SETUP=%u\\nSTART=%u\\nSTOP=%u\\nTEARDOWN=%u\\n",
                       (unsigned)JBLKTRACE_SETUP, (unsigned)JBLKTRACE_START,
                       (unsigned)JBLKTRACE_STOP, (unsigned)JBLKTRACE_TEARDOWN);
                printf("MAGIC=%u\\nNAME_LEN=%u\\n", JBLKTRACE_IOC_MAGIC, JBLKTRACE_NAME_LEN);
                printf("VERSION_7=%u\\nVERSION_8=%u\\n", JBLKTRACE_VERSION_7, JBLKTRACE_VERSION_8);
                printf("DEVICE_PATH=%s\\nDEBUGFS_DIR=%s\\n", JBLKTRACE_DEVICE_PATH, JBLKTRACE_DEBUGFS_DIR);
                return 0;
            }
            """;

    private static Map<String, String> header;

    @BeforeAll
    static void compileHeader(@TempDir Path dir) throws IOException, InterruptedException {
        header = HeaderProbe.run(dir, PROBE);
    }

    private static int value(String key) {
        return Integer.parseUnsignedInt(header.get(key));
    }

    @Test
    void setupStructLayoutMatchesHeader() {
        assertEquals(value("jblktrace_setup.major"), ModuleAbi.SETUP_MAJOR);
        assertEquals(value("jblktrace_setup.minor"), ModuleAbi.SETUP_MINOR);
        assertEquals(value("jblktrace_setup.act_mask"), ModuleAbi.SETUP_ACT_MASK);
        assertEquals(value("jblktrace_setup.version"), ModuleAbi.SETUP_VERSION);
        assertEquals(value("jblktrace_setup.buf_size"), ModuleAbi.SETUP_BUF_SIZE);
        assertEquals(value("jblktrace_setup.buf_nr"), ModuleAbi.SETUP_BUF_NR);
        assertEquals(value("jblktrace_setup.pid"), ModuleAbi.SETUP_PID);
        assertEquals(value("jblktrace_setup.start_lba"), ModuleAbi.SETUP_START_LBA);
        assertEquals(value("jblktrace_setup.end_lba"), ModuleAbi.SETUP_END_LBA);
        assertEquals(value("jblktrace_setup.name"), ModuleAbi.SETUP_NAME);
        assertEquals(value("sizeof.setup"), ModuleAbi.SETUP_SIZE);
        assertEquals(value("NAME_LEN"), ModuleAbi.NAME_LEN);
    }

    @Test
    void deviceStructLayoutMatchesHeader() {
        assertEquals(value("jblktrace_device.major"), ModuleAbi.DEVICE_MAJOR);
        assertEquals(value("jblktrace_device.minor"), ModuleAbi.DEVICE_MINOR);
        assertEquals(value("sizeof.device"), ModuleAbi.DEVICE_SIZE);
    }

    @Test
    void ioctlNumbersMatchHeader() {
        assertEquals(value("MAGIC"), ModuleAbi.IOC_MAGIC);
        assertEquals(value("SETUP"), ModuleAbi.SETUP);
        assertEquals(value("START"), ModuleAbi.START);
        assertEquals(value("STOP"), ModuleAbi.STOP);
        assertEquals(value("TEARDOWN"), ModuleAbi.TEARDOWN);
    }

    @Test
    void recordVersionsMatchHeader() {
        assertEquals(value("VERSION_7"), ModuleAbi.VERSION_7);
        assertEquals(value("VERSION_8"), ModuleAbi.VERSION_8);
    }

    @Test
    void pathsMatchHeader() {
        assertEquals(header.get("DEVICE_PATH"), ModuleAbi.DEVICE_PATH);
        assertEquals(header.get("DEBUGFS_DIR"), ModuleAbi.DEBUGFS_DIR);
    }
}
