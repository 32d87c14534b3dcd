package org.jblktrace.core.btt;

/**
 * When a device (or the system) had requests at the device: the union of the issue to
 * completion spans, kept in btt's tree (an overlapping span is taken out, merged and put back)
 * and summarised for the I/O Active Period section and -Z's live files.
 */
final class ActivePeriods {
    private final RbTree tree = new RbTree(16);
    private long[] completions = new long[16];

    /**
     * The D and C times of one request. An overlapped period is taken out and the search starts
     * over with the union (btt recurses; a loop lets the compiler inline this into the caller).
     */
    void add(long issue, long completion) {
        int at = RbTree.NIL;
        boolean asLeft = false;
        int n = tree.root;
        while (n != RbTree.NIL) {
            long dt = tree.key(n);
            long ct = completions[n];
            if (overlaps(dt, ct, issue, completion)) {
                tree.erase(n);
                tree.free(n);
                issue = Long.compareUnsigned(dt, issue) < 0 ? dt : issue;
                completion = Long.compareUnsigned(ct, completion) > 0 ? ct : completion;
                at = RbTree.NIL;
                asLeft = false;
                n = tree.root;
                continue;
            }
            at = n;
            if (Long.compareUnsigned(completion, dt) < 0) {
                asLeft = true;
                n = tree.left(n);
            } else {
                asLeft = false;
                n = tree.right(n);
            }
        }
        int node = tree.allocate(issue);
        if (node >= completions.length) {
            completions = java.util.Arrays.copyOf(completions, tree.capacity());
        }
        completions[node] = completion;
        tree.insert(node, at, asLeft);
    }

    private static boolean overlaps(long dt, long ct, long issue, long completion) {
        if (Long.compareUnsigned(dt, issue) <= 0 && Long.compareUnsigned(issue, ct) <= 0) {
            return true;
        }
        if (Long.compareUnsigned(dt, completion) <= 0 && Long.compareUnsigned(completion, ct) <= 0) {
            return true;
        }
        return Long.compareUnsigned(issue, dt) < 0 && Long.compareUnsigned(ct, completion) < 0;
    }

    /** btt's p_live_info for the report. */
    static final class Summary {
        long lives;
        double averageLive;
        double averageLull;
        double percentLive;
    }

    /**
     * Walks the periods in order, writing -Z's plot lines at height {@code baseY} when
     * {@code out} is given, and summarises them as btt does (its start time stays 0).
     */
    Summary summarise(CStream out, int baseY) {
        Summary s = new Summary();
        long[] totals = new long[2];
        double[] lastZero = {0.0};
        StringBuilder line = out == null ? null : new StringBuilder(256);
        if (tree.root != RbTree.NIL) {
            visit(tree.root, s, totals, lastZero, out, line, baseY);
        }
        long totalLive = totals[0];
        long end = totals[1];
        if (s.lives == 0) {
            s.averageLive = 0.0;
            s.averageLull = 0.0;
            s.percentLive = 0.0;
        } else if (s.lives == 1) {
            s.averageLull = 0.0;
            s.percentLive = 100.0;
        } else {
            double span = CFormat.bitTime(end);
            double live = CFormat.bitTime(totalLive);
            s.percentLive = 100.0 * (live / span);
            s.averageLive = live / s.lives;
            s.averageLull = (span - live) / (s.lives - 1);
        }
        return s;
    }

    private void visit(int n, Summary s, long[] totals, double[] lastZero, CStream out, StringBuilder line, int baseY) {
        if (tree.left(n) != RbTree.NIL) {
            visit(tree.left(n), s, totals, lastZero, out, line, baseY);
        }
        long dt = tree.key(n);
        long ct = completions[n];
        if (out != null) {
            float y0 = baseY;
            float y1 = (float) (baseY + 0.9);
            line.setLength(0);
            point(line, lastZero[0], y0);
            point(line, CFormat.bitTime(dt), y0);
            point(line, CFormat.bitTime(dt), y1);
            point(line, CFormat.bitTime(ct), y1);
            point(line, CFormat.bitTime(ct), y0);
            out.print(line);
            lastZero[0] = CFormat.bitTime(ct);
        }
        s.lives++;
        totals[0] += ct - dt;
        if (Long.compareUnsigned(ct, totals[1]) > 0) {
            totals[1] = ct;
        }
        if (tree.right(n) != RbTree.NIL) {
            visit(tree.right(n), s, totals, lastZero, out, line, baseY);
        }
    }

    private static void point(StringBuilder line, double x, float y) {
        CFormat.fixed(line, x, 9);
        line.append(' ');
        CFormat.fixed(line, y, 1);
        line.append('\n');
    }
}
