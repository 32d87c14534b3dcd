package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk copy of a capture's {@link SettingsJournal}: each original value is written (and
 * synced) before its file is changed, so that after a kill -9 or the OOM killer a later process
 * can put tracefs back. One per machine, as tracefs is one; creating it is also the claim on
 * tracefs. It names its owner by pid and start time, so that a reused pid is not taken for it.
 *
 * <p>Format, one line each: {@code owner PID STARTTIME}, {@code device PATH}, then
 * {@code change FILE<TAB>ORIGINAL} in the order the changes were made; backslash, tab and
 * newline in a field are escaped.
 */
final class JournalFile implements AutoCloseable {
    static final String NAME = "ftrace-settings";

    /** A change recorded on disk: the file and the value to put back. */
    record Change(Path file, String original) {
    }

    /** What a journal file says. */
    record Contents(long pid, long startTime, List<String> devices, List<Change> changes) {
    }

    private final Path path;
    private final FileChannel channel;

    private JournalFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates the journal in {@code dir}; null if one exists already (another run's, alive or
     * dead: the caller reads it).
     */
    static JournalFile create(Path dir, long pid, long startTime, List<String> devices) throws CaptureException {
        Path path = dir.resolve(NAME);
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException taken) {
            return null;
        } catch (IOException e) {
            throw new CaptureException("cannot create " + path + " (the record that lets 'blktrace -k' restore "
                + "tracefs): " + CaptureException.reason(e), e);
        }
        JournalFile journal = new JournalFile(path, channel);
        StringBuilder head = new StringBuilder("owner " + pid + " " + startTime + "\n");
        for (String device : devices) {
            head.append("device ").append(escape(device)).append('\n');
        }
        journal.append(head.toString());
        return journal;
    }

    /** Writes down {@code original} for {@code file}, on disk before this returns. */
    void record(Path file, String original) throws CaptureException {
        append("change " + escape(file.toString()) + "\t" + escape(original) + "\n");
    }

    private void append(String text) throws CaptureException {
        try {
            ByteBuffer data = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
            while (data.hasRemaining()) {
                channel.write(data);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new CaptureException("cannot write " + path + ": " + CaptureException.reason(e), e);
        }
    }

    /** Removes the file: everything it recorded has been put back. */
    void delete() throws CaptureException {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new CaptureException("cannot remove " + path + ": " + CaptureException.reason(e), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Every line was synced as it was written.
        }
    }

    /** The journal in {@code dir}, or null if there is none. */
    static Contents read(Path dir) throws CaptureException {
        Path path = dir.resolve(NAME);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException e) {
            throw new CaptureException("cannot read " + path + ": " + CaptureException.reason(e), e);
        }
        long pid = -1;
        long startTime = -1;
        List<String> devices = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        // A last line without its newline was cut short by a crash, before its change was made.
        int complete = text.lastIndexOf('\n') + 1;
        for (String line : text.substring(0, complete).split("\n")) {
            if (line.startsWith("owner ")) {
                String[] fields = line.split(" ");
                pid = Long.parseLong(fields[1]);
                startTime = Long.parseLong(fields[2]);
            } else if (line.startsWith("device ")) {
                devices.add(unescape(line.substring("device ".length())));
            } else if (line.startsWith("change ")) {
                String[] fields = line.substring("change ".length()).split("\t", -1);
                if (fields.length == 2) {
                    changes.add(new Change(Path.of(unescape(fields[0])), unescape(fields[1])));
                }
            }
        }
        return new Contents(pid, startTime, devices, changes);
    }

    /** Removes the journal in {@code dir}. */
    static void remove(Path dir) throws CaptureException {
        Path path = dir.resolve(NAME);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new CaptureException("cannot remove " + path + ": " + CaptureException.reason(e), e);
        }
    }

    static String escape(String field) {
        return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
