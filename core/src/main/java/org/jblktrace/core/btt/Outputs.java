package org.jblktrace.core.btt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.kernel.Errno;

/**
 * The files btt writes besides the report. Side files are kept in opening order and closed in
 * that order at the end, and those left empty are removed, as btt does; a file that cannot be
 * opened is reported (perror style) and skipped.
 */
final class Outputs {
    private final BttContext context;
    private final List<CStream> registered = new ArrayList<>();
    private final List<CStream> others = new ArrayList<>();

    Outputs(BttContext context) {
        this.context = context;
    }

    /** Opens {@code name}; {@code removeIfEmpty} registers it for closing and removal when empty. */
    CStream open(String name, int bufferSize, boolean removeIfEmpty) {
        try {
            CStream s = CStream.file(context.resolve(name), name, bufferSize);
            (removeIfEmpty ? registered : others).add(s);
            return s;
        } catch (IOException e) {
            context.stderr.println(name + ": " + Errno.text(e));
            return null;
        }
    }

    /** Like {@link #open} for a removable file, but a failure is silent (btt's rate files). */
    CStream openQuietly(String name) {
        try {
            CStream s = CStream.file(context.resolve(name), name, CStream.FILE_BUFFER);
            registered.add(s);
            return s;
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes a whole file at once (btt's unplug histograms and Q/D size histograms). */
    void writeWhole(String name, String content) {
        CStream s = open(name, CStream.FILE_BUFFER, false);
        if (s != null) {
            s.print(content);
            s.close();
        }
    }

    void closeAll() {
        for (CStream s : registered) {
            s.close();
            Path p = s.path();
            try {
                if (p != null && Files.size(p) == 0) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                // Gone already or unreadable: nothing to clean up.
            }
        }
    }

    /** After the end: 1 and a message for each stream a write failed on (a full disk), else 0. */
    int failures(BttContext ctx, CStream stdout) {
        int status = 0;
        List<CStream> all = new ArrayList<>(registered);
        all.addAll(others);
        for (CStream s : all) {
            if (s.failure() != null) {
                ctx.stderr.println(ctx.program + ": " + s.name + ": " + Errno.text(s.failure()));
                status = 1;
            }
        }
        if (stdout.failure() != null) {
            String reason = Errno.text(stdout.failure());
            if (reason.contains("Broken pipe")) {
                return 141;
            }
            ctx.stderr.println(ctx.program + ": standard output: " + reason);
            status = 1;
        }
        return status;
    }
}
