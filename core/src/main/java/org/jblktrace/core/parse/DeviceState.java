package org.jblktrace.core.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.jblktrace.core.record.Blk;

/** One device: its name (file mode) or dev_t (pipe mode), per-CPU state, depth, tracked I/Os. */
final class DeviceState {
    private static final int DENSE_CPUS = 4096;

    /** Input name in file mode (or claimed by a pipe device), null for unnamed pipe devices. */
    String name;
    /** dev_t; stays 0 in file mode, where the reference never looks it up. */
    int dev;
    long events;
    long firstReportedTime;
    long lastReportedTime;
    final int[] maxDepth = new int[2];
    final int[] curDepth = new int[2];
    /** The tracked requests ({@code -t}), in the form the release's {@link RequestTracker} keeps them. */
    SectorMap<?> tracks;

    private CpuState[] dense = new CpuState[4];
    private final TreeMap<Integer, CpuState> sparse = new TreeMap<>();

    DeviceState(String name, int dev) {
        this.name = name;
        this.dev = dev;
    }

    CpuState cpu(int cpu) {
        if (cpu >= 0 && cpu < DENSE_CPUS) {
            if (cpu >= dense.length) {
                dense = Arrays.copyOf(dense, Math.max(cpu + 1, dense.length * 2));
            }
            CpuState c = dense[cpu];
            if (c == null) {
                c = new CpuState(cpu);
                dense[cpu] = c;
            }
            return c;
        }
        return sparse.computeIfAbsent(cpu, CpuState::new);
    }

    /** CPUs in ascending order (those the reference could never print, negative ones, excluded). */
    List<CpuState> cpus() {
        List<CpuState> list = new ArrayList<>();
        for (CpuState c : dense) {
            if (c != null) {
                list.add(c);
            }
        }
        list.addAll(sparse.tailMap(DENSE_CPUS).values());
        return list;
    }

    /** The name statistics print: the input name, or MAJ,MIN in pipe mode. */
    String displayName() {
        return name != null ? name : Blk.major(dev) + "," + Blk.minor(dev);
    }

    /** Depth bookkeeping of an issue. */
    void issued(int rw) {
        curDepth[rw]++;
        if (Integer.compareUnsigned(curDepth[rw], maxDepth[rw]) > 0) {
            maxDepth[rw] = curDepth[rw];
        }
    }

    /** Depth bookkeeping of a completion or requeue; never below zero. */
    void retired(int rw) {
        if (curDepth[rw] != 0) {
            curDepth[rw]--;
        }
    }
}
