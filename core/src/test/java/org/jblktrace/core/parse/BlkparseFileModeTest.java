package org.jblktrace.core.parse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlkparseFileModeTest {
    @TempDir
    Path dir;

    @Test
    void appendixFixtureWithCustomFormat() throws Exception {
        TraceFiles.appendixA(dir);
        Harness.same(dir, "-f", Harness.FORMAT, "-i", "sda");
    }
}
