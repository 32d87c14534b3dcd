package org.jblktrace.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blktrace gives up before reading its options when the online CPUs cannot be read. */
class BlktraceOnlineCpusTest {
    @TempDir
    Path dir;

    private String failure(Path online) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        TraceContext context = new TraceContext(new ByteArrayOutputStream(),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), online, dir.toString(), Map.of());
        assertEquals(1, BlktraceMain.run("blktrace", new String[] {"-V"}, context));
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingListReportsErrno() {
        assertEquals("cannot get online cpus 2/No such file or directory\n", failure(dir.resolve("online")));
    }

    @Test
    void unreadableListReportsWhy() {
        assertEquals("cannot get online cpus: Is a directory\n", failure(dir));
    }

    @Test
    void emptyListIsRefused() throws Exception {
        Path online = Files.writeString(dir.resolve("online"), "\n");
        assertEquals("cannot get online cpus: " + online + " is empty\n", failure(online));
    }
}
