package org.jblktrace.core.parse;

/** glibc's dirname and POSIX basename on strings. */
final class PathNames {
    private PathNames() {
    }

    static String dirname(String path) {
        int last = path.lastIndexOf('/');
        if (last > 0 && last == path.length() - 1) {
            // Trailing slashes do not count; look for the slash before them.
            int run = last;
            while (run > 0 && path.charAt(run - 1) == '/') {
                run--;
            }
            if (run > 0) {
                last = path.lastIndexOf('/', run - 1);
            }
        }
        if (last < 0) {
            return ".";
        }
        int run = last;
        while (run > 0 && path.charAt(run - 1) == '/') {
            run--;
        }
        if (run == 0) {
            // Only slashes before: "/" (or "//" when the path starts with exactly two).
            return last == 1 ? "//" : "/";
        }
        return path.substring(0, run);
    }

    static String basename(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 1 && path.charAt(0) == '/') {
            return "/";
        }
        int start = path.lastIndexOf('/', end - 1) + 1;
        return path.substring(start, end);
    }
}
