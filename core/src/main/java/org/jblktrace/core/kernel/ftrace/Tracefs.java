package org.jblktrace.core.kernel.ftrace;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.Errno;
import org.jblktrace.core.kernel.LibC;

/** A located (if need be, mounted) tracefs instance. */
final class Tracefs {
    private final Path root;
    private final boolean mountedHere;

    private Tracefs(Path root, boolean mountedHere) {
        this.root = root;
        this.mountedHere = mountedHere;
    }

    /**
     * Finds tracefs in the mount table, preferring the usual mount point; mounts it there when
     * it is not mounted at all.
     */
    static Tracefs locate(HostPaths host) throws CaptureException {
        List<Path> mountPoints;
        try {
            mountPoints = tracefsMountPoints(new String(ControlFiles.readBytes(host.proc.resolve("mounts")), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            mountPoints = List.of();
        }
        if (mountPoints.contains(host.tracefsMountPoint)) {
            return new Tracefs(host.tracefsMountPoint, false);
        }
        if (!mountPoints.isEmpty()) {
            return new Tracefs(mountPoints.get(0), false);
        }
        try {
            LibC.INSTANCE.mount("tracefs", host.tracefsMountPoint.toString(), "tracefs", 0, null);
        } catch (LastErrorException e) {
            throw CaptureException.unavailable("tracefs is not mounted and mounting it on "
                + host.tracefsMountPoint + " failed: " + Errno.text(e.getErrorCode()));
        }
        return new Tracefs(host.tracefsMountPoint, true);
    }

    /** Mount points of tracefs in a {@code /proc/mounts} text, in table order. */
    static List<Path> tracefsMountPoints(String mountTable) {
        List<Path> points = new ArrayList<>();
        for (String line : mountTable.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length > 2 && fields[2].equals("tracefs")) {
                points.add(Path.of(unescapeMountField(fields[1])));
            }
        }
        return points;
    }

    /** The kernel writes space, tab, newline and backslash in mount fields as octal escapes. */
    static String unescapeMountField(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    Path root() {
        return root;
    }

    Path file(String relative) {
        return root.resolve(relative);
    }

    String read(String relative) throws CaptureException {
        return ControlFiles.read(file(relative));
    }

    /** Undoes our own mount; returns a failure line or null. */
    String unmountIfMountedHere() {
        if (!mountedHere) {
            return null;
        }
        try {
            LibC.INSTANCE.umount2(root.toString(), LibC.MNT_DETACH);
            return null;
        } catch (LastErrorException e) {
            return "cannot unmount tracefs from " + root + ": " + Errno.text(e.getErrorCode());
        }
    }

    /** The selected entry of a bracketed choice list such as {@code trace_clock}'s. */
    static String selected(String choices) {
        int open = choices.indexOf('[');
        int close = choices.indexOf(']', open + 1);
        if (open < 0 || close < 0) {
            return choices.trim();
        }
        return choices.substring(open + 1, close);
    }

    /** True if the whitespace-separated list (brackets allowed) contains {@code name}. */
    static boolean listContains(String list, String name) {
        for (String item : list.trim().split("\\s+")) {
            if (item.equals(name) || item.equals("[" + name + "]")) {
                return true;
            }
        }
        return false;
    }
}
