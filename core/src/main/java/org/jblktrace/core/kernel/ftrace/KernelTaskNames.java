package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jblktrace.core.record.Blk;

/**
 * Task names as the kernel knows them. A live task's {@code /proc/PID/comm} is read first: it
 * cannot be stale. A task that has already exited (a short {@code dd}) is looked up in tracefs's
 * {@code saved_cmdlines}, which the blk tracer fills as it records events. Pid 0 is the idle
 * task, named {@code swapper/CPU} as the relay path names it. Unknown tasks are {@code <...>},
 * ftrace's own placeholder.
 */
final class KernelTaskNames implements TaskNameSource {
    static final String UNKNOWN = "<...>";

    private final Path procRoot;
    private final Path savedCmdlines;
    private final Map<Integer, String> saved = new HashMap<>();

    KernelTaskNames(Path procRoot, Path savedCmdlines) {
        this.procRoot = procRoot;
        this.savedCmdlines = savedCmdlines;
    }

    @Override
    public byte[] comm(int pid, int cpu) {
        return encode(name(pid, cpu));
    }

    String name(int pid, int cpu) {
        if (pid == 0) {
            return "swapper/" + cpu;
        }
        try {
            byte[] raw = ControlFiles.readBytes(procRoot.resolve(Integer.toString(pid)).resolve("comm"));
            int end = raw.length;
            while (end > 0 && raw[end - 1] == '\n') {
                end--;
            }
            return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        } catch (IOException gone) {
            return savedName(pid);
        }
    }

    private synchronized String savedName(int pid) {
        String name = saved.get(pid);
        if (name == null) {
            reloadSaved();
            name = saved.get(pid);
        }
        return name != null ? name : UNKNOWN;
    }

    private void reloadSaved() {
        String text;
        try {
            text = new String(ControlFiles.readBytes(savedCmdlines), StandardCharsets.ISO_8859_1);
        } catch (IOException unreadable) {
            return;
        }
        saved.clear();
        saved.putAll(parseSavedCmdlines(text));
    }

    /** Parses {@code saved_cmdlines}: one {@code PID COMM} per line, COMM may contain spaces. */
    static Map<Integer, String> parseSavedCmdlines(String text) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                names.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1));
            } catch (NumberFormatException notAnEntry) {
                // Only "PID COMM" lines carry names.
            }
        }
        return names;
    }

    /** The comm field of a PROCESS note: at most 15 bytes of the name, NUL padded. */
    static byte[] encode(String name) {
        byte[] comm = new byte[Blk.COMM_LEN];
        byte[] raw = name.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(raw, 0, comm, 0, Math.min(raw.length, Blk.COMM_LEN - 1));
        return comm;
    }
}
