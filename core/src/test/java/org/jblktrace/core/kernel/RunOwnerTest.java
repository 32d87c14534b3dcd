package org.jblktrace.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOwnerTest {
    @TempDir
    Path proc;

    private void process(long pid, long startTime) throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(pid + "/stat"),
                pid + " (java (x)) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 " + startTime + " 4096 7\n");
    }

    @Test
    void theStartTimeIsReadPastACommandNameWithParentheses() throws Exception {
        process(77, 4242);
        assertEquals(4242, RunOwner.startTime(proc, "77"));
        assertEquals(-1, RunOwner.startTime(proc, "78"));
    }

    @Test
    void anOwnerIsAliveOnlyWhileItsPidHasItsStartTime() throws Exception {
        process(77, 4242);
        assertTrue(new RunOwner(77, 4242).isAlive(proc));
        assertFalse(new RunOwner(77, 4243).isAlive(proc), "the pid was reused");
        assertFalse(new RunOwner(78, 4242).isAlive(proc), "no such process");
    }

    @Test
    void thisProcessIsAlive() {
        assertTrue(RunOwner.self(RunOwner.PROC).isAlive(RunOwner.PROC));
    }
}
