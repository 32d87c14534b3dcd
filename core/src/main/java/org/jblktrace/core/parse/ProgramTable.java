package org.jblktrace.core.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code -s} entries, keyed by pid or (with {@code -h}) by the pid's current name. */
final class ProgramTable {
    private final boolean byPid;
    private final ProcessTable names;
    private final IntMap<ProgramStats> pidIndex = new IntMap<>();
    /** With -h the most recently created entry of a name is the one found. */
    private final Map<String, ProgramStats> nameIndex = new HashMap<>();
    private final List<ProgramStats> created = new ArrayList<>();

    ProgramTable(boolean byPid, ProcessTable names) {
        this.byPid = byPid;
        this.names = names;
    }

    /** The entry a pid's events are counted in, or null when there is none yet. */
    ProgramStats find(int pid) {
        if (byPid) {
            return pidIndex.get(pid);
        }
        String name = names.nameOf(pid);
        if (name == null) {
            return null;
        }
        ProgramStats p = nameIndex.get(name);
        if (p != null && p.pid != pid) {
            p.sharedByPids = true;
        }
        return p;
    }

    /** Like {@link #find} but creates the entry, registering "unknown" for a nameless pid. */
    IoStats statsFor(int pid) {
        ProgramStats p = find(pid);
        if (p == null) {
            p = new ProgramStats(pid, names.register(pid, ProcessTable.UNKNOWN));
            if (byPid) {
                pidIndex.put(pid, p);
            } else {
                nameIndex.put(p.name, p);
            }
            created.add(p);
        }
        return p.io;
    }

    /**
     * Entries in the order {@code sort} asks for: by name in version order, then by pid; or
     * ascending by a total, ties keeping blkparse's list order (the newest entry first).
     */
    List<ProgramStats> sorted(ProgramSort sort) {
        List<ProgramStats> list = new ArrayList<>(created);
        if (sort == ProgramSort.NAME) {
            list.sort((a, b) -> {
                int c = VersionOrder.compare(a.name, b.name);
                return c != 0 ? c : Integer.compare(a.pid, b.pid);
            });
        } else {
            Collections.reverse(list);
            list.sort((a, b) -> Long.compareUnsigned(sort.key(a.io), sort.key(b.io)));
        }
        return list;
    }
}
