package org.jblktrace.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrnoTest {
    @TempDir
    Path dir;

    @Test
    void javaIoExceptionsGiveTheCLibrarysText() {
        // java.io puts the reason in parentheses after the path; java.nio names it by type.
        IOException missing = null;
        try (FileInputStream in = new FileInputStream(dir.resolve("missing").toFile())) {
            in.read();
        } catch (IOException e) {
            missing = e;
        }
        assertEquals("No such file or directory", Errno.text(missing));
        assertEquals("No such file or directory", Errno.text(new NoSuchFileException("/x")));
        assertEquals("Permission denied", Errno.text(new AccessDeniedException("/x")));
        assertEquals("No space left on device", Errno.text(new FileSystemException("/x", null, "No space left on device")));
        assertEquals("Input/output error", Errno.text(new IOException()));
    }

    @Test
    void aFileWhereADirectoryIsNeededIsNotADirectory() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        IOException thrown = null;
        try {
            Files.createFile(file.resolve("inside"));
        } catch (IOException e) {
            thrown = e;
        }
        assertEquals("Not a directory", Errno.text(thrown));
    }
}
