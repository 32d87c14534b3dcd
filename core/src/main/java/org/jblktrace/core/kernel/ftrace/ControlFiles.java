package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reading and writing tracefs and sysfs control files, with one-line errors. */
final class ControlFiles {
    private ControlFiles() {
    }

    /** The file's content without trailing whitespace. */
    static String read(Path file) throws CaptureException {
        try {
            return new String(readBytes(file), StandardCharsets.ISO_8859_1).stripTrailing();
        } catch (IOException e) {
            throw new CaptureException("cannot read " + file + ": " + CaptureException.reason(e), e);
        }
    }

    /**
     * The whole content, read in large chunks: pseudo files report size 0, and some (such as
     * {@code tracing_cpumask}) refuse reads smaller than their content.
     */
    static byte[] readBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    /**
     * Writes {@code value} as the shell's {@code echo -n value > file} does, but never creates
     * the file: a missing control file is an error, not a new file.
     */
    static void write(Path file, String value) throws CaptureException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer data = ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1));
            while (data.hasRemaining()) {
                channel.write(data);
            }
        } catch (IOException e) {
            throw new CaptureException("cannot write '" + value + "' to " + file + ": " + CaptureException.reason(e), e);
        }
    }

    /**
     * Writes back a value a capture changed. Returns false, writing nothing, when the file was a
     * control of a block device the kernel has removed since: nothing of its trace is left.
     */
    static boolean putBack(Path file, String value) throws CaptureException {
        try {
            write(file, value);
            return true;
        } catch (CaptureException e) {
            if (BlockDevice.isControlOfRemovedDevice(file)) {
                return false;
            }
            throw e;
        }
    }
}
