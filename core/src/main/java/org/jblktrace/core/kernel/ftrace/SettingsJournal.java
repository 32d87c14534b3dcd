package org.jblktrace.core.kernel.ftrace;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Remembers the value every control file had before its first change, and puts them all back
 * in reverse order. The first file changed is therefore the last one restored. With a
 * {@link JournalFile} each value is on disk before its file changes, and the file goes once
 * everything is back.
 */
final class SettingsJournal {
    private static final class Entry {
        final Path file;
        final String original;

        Entry(Path file, String original) {
            this.file = file;
            this.original = original;
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Set<Path> remembered = new HashSet<>();
    private JournalFile onDisk;

    /** From now on, writes each value to {@code file} too, before it is changed. */
    void keepOnDisk(JournalFile file) {
        onDisk = file;
    }

    /** Records the value to restore for {@code file}, unless one is recorded already. */
    void remember(Path file, String original) throws CaptureException {
        if (remembered.contains(file)) {
            return;
        }
        if (onDisk != null) {
            onDisk.record(file, original);
        }
        remembered.add(file);
        entries.push(new Entry(file, original));
    }

    /** Remembers {@code original}, then writes {@code value}. */
    void change(Path file, String original, String value) throws CaptureException {
        remember(file, original);
        ControlFiles.write(file, value);
        FaultInjection.afterChange(remembered.size());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Writes back every remembered value, newest change first, continuing past failures. The
     * controls of a device removed meanwhile need nothing. Returns the failures, one line each.
     */
    List<String> restore() {
        List<String> failures = new ArrayList<>();
        while (!entries.isEmpty()) {
            Entry e = entries.pop();
            try {
                ControlFiles.putBack(e.file, e.original);
            } catch (CaptureException failure) {
                failures.add(failure.getMessage());
            }
        }
        remembered.clear();
        if (onDisk != null) {
            if (failures.isEmpty()) {
                try {
                    onDisk.delete();
                } catch (CaptureException e) {
                    failures.add(e.getMessage());
                }
            } else {
                onDisk.close();
                failures.add("what is left changed is recorded for 'blktrace -k'");
            }
            onDisk = null;
        }
        return failures;
    }
}
