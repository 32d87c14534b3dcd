package org.jblktrace.core.btt;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * btt's two process indexes: by pid and by name. A pid seen without a name gets one made up
 * ({@code pid000001234}); a new pid with a known name joins that name's entry. Names sort
 * by their bytes, as strcmp orders them.
 */
final class ProcessTable {
    private final IntTable<ProcessInfo> byPid = new IntTable<>();
    private final TreeMap<String, ProcessInfo> byName = new TreeMap<>();
    private final boolean histograms;
    /** The last pid looked up: events come in runs from the same process. */
    private ProcessInfo last;
    private int lastPid;

    ProcessTable(boolean histograms) {
        this.histograms = histograms;
    }

    /** find_process: the entry for a pid (creating one named after it), or with pid -1 by name. */
    ProcessInfo find(int pid, String name) {
        if (pid != -1) {
            ProcessInfo p = last;
            if (p != null && lastPid == pid) {
                return p;
            }
            p = byPid.get(pid);
            if (p != null) {
                last = p;
                lastPid = pid;
            }
            if (p != null) {
                return p;
            }
            if (name != null) {
                p = byName.get(name);
                if (p != null && p.pid != pid) {
                    byPid.putIfAbsent(pid, p);
                }
                return p;
            }
            String made = String.format("pid%09d", Integer.toUnsignedLong(pid));
            add(pid, made);
            return byPid.get(pid);
        }
        return name == null ? null : byName.get(name);
    }

    /** process_alloc: registers a pid's name unless the pid or the name is known. */
    void add(int pid, String name) {
        if (find(pid, name) != null) {
            return;
        }
        ProcessInfo p = new ProcessInfo(pid, name);
        if (histograms) {
            p.histograms = new LatencyHistograms();
        }
        byPid.putIfAbsent(pid, p);
        byName.putIfAbsent(name, p);
    }

    ProcessInfo byName(String name) {
        return byName.get(name);
    }

    /** Every process in name order, or with -e the named ones in the order given. */
    List<ProcessInfo> selected(String exes) {
        if (exes == null) {
            return new ArrayList<>(byName.values());
        }
        List<ProcessInfo> list = new ArrayList<>();
        int from = 0;
        while (true) {
            int comma = exes.indexOf(',', from);
            String exe = comma < 0 ? exes.substring(from) : exes.substring(from, comma);
            ProcessInfo p = byName.get(exe);
            if (p != null) {
                list.add(p);
            }
            if (comma < 0) {
                return list;
            }
            from = comma + 1;
        }
    }
}
