package org.jblktrace.core.btt;

/**
 * Seek distances between consecutive requests of a device (btt's seeki, one for Q2Q and one
 * for D2D): the per-request files of -s, the seeks per second of -m, and the distance
 * buckets whose mean, median and modes the report shows.
 */
final class SeekStats {
    private final CStream readFile;
    private final CStream writeFile;
    private final CStream combinedFile;
    private final CStream perSecondFile;
    private final boolean absolute;
    private final DistanceCounts distances = new DistanceCounts();
    /** btt's bucket tree and the count of each node, built when the report asks. */
    private RbTree buckets;
    private int[] counts;
    private final StringBuilder line = new StringBuilder(48);

    long totalSeeks;
    double totalSectors;
    private long lastStart;
    private long lastEnd;
    private double spsStart;
    private double spsLast;
    private long spsSeeks;

    SeekStats(CStream readFile, CStream writeFile, CStream combinedFile, CStream perSecondFile, boolean absolute) {
        this.readFile = readFile;
        this.writeFile = writeFile;
        this.combinedFile = combinedFile;
        this.perSecondFile = perSecondFile;
        this.absolute = absolute;
    }

    private long distance(long start, long end) {
        long dist;
        if (absolute) {
            dist = start - lastEnd;
        } else if ((lastStart <= start && start <= lastEnd) || (lastStart <= end && end <= lastEnd)) {
            dist = 0;
        } else if (start > lastEnd) {
            dist = start - lastEnd;
        } else {
            dist = start - lastStart;
        }
        lastStart = start;
        lastEnd = end;
        return dist;
    }

    void add(long time, long start, long end, boolean read) {
        long dist = distance(start, end);
        CStream file = read ? readFile : writeFile;
        if (file != null || combinedFile != null) {
            line.setLength(0);
            CFormat.fixed(line, CFormat.bitTime(time), 15, 9);
            line.append(' ');
            CFormat.integer(line, dist, 13);
            line.append(' ').append(read ? 'r' : 'w').append('\n');
            if (file != null) {
                file.print(line);
            }
            if (combinedFile != null) {
                combinedFile.print(line);
            }
        }
        dist = Math.abs(dist);
        totalSeeks++;
        totalSectors += dist;
        insert(dist);
        // Without -m the time is not needed: converting it per seek would cost a division.
        if (perSecondFile != null) {
            perSecond(CFormat.bitTime(time));
        }
    }

    private void insert(long dist) {
        distances.add(dist);
        buckets = null;
    }

    private void buildTree() {
        if (buckets == null) {
            int[][] byNode = new int[1][];
            buckets = distances.tree(byNode);
            counts = byNode[0];
        }
    }

    private void perSecond(double t) {
        if (spsSeeks != 0 && t - spsStart >= 1.0) {
            emitPerSecond();
        }
        spsLast = t;
        if (spsSeeks == 0) {
            spsStart = t;
            spsSeeks = 1;
        } else {
            spsSeeks++;
        }
    }

    private void emitPerSecond() {
        double delta = spsLast - spsStart;
        double rate;
        if (spsSeeks == 1 || delta < Math.ulp(1.0)) {
            rate = (double) spsSeeks;
        } else {
            rate = (double) spsSeeks / delta;
        }
        StringBuilder b = new StringBuilder(32);
        CFormat.fixed(b, spsStart, 15, 9);
        b.append(' ');
        CFormat.fixed(b, rate, 2);
        b.append('\n');
        perSecondFile.print(b);
        spsStart = 0;
        spsSeeks = 0;
    }

    /** At the device's end: the last seeks-per-second line. */
    void finish() {
        if (perSecondFile != null && spsSeeks != 0) {
            emitPerSecond();
        }
    }

    double mean() {
        return totalSectors / totalSeeks;
    }

    /** btt's median: the first bucket in pre-order holding at least half the seeks. */
    long median() {
        long[] result = {0};
        buildTree();
        if (buckets.root != RbTree.NIL) {
            median(buckets.root, totalSeeks / 2, result);
        }
        return result[0];
    }

    private boolean median(int n, long target, long[] result) {
        if (counts[n] >= target) {
            result[0] = buckets.key(n);
            return true;
        }
        if (buckets.left(n) != RbTree.NIL && median(buckets.left(n), target, result)) {
            return true;
        }
        return buckets.right(n) != RbTree.NIL && median(buckets.right(n), target, result);
    }

    /** The most frequent distances, in btt's post-order, and how often each occurs. */
    Modes modes() {
        Modes m = new Modes();
        buildTree();
        if (buckets.root != RbTree.NIL) {
            modes(buckets.root, m);
        }
        return m;
    }

    private void modes(int n, Modes m) {
        if (buckets.left(n) != RbTree.NIL) {
            modes(buckets.left(n), m);
        }
        if (buckets.right(n) != RbTree.NIL) {
            modes(buckets.right(n), m);
        }
        int c = counts[n];
        if (m.values == null) {
            m.values = new long[4];
            m.count = 0;
        } else if (c > m.mostSeeks) {
            m.count = 0;
        } else if (c != m.mostSeeks) {
            return;
        }
        m.mostSeeks = c;
        if (m.count == m.values.length) {
            m.values = java.util.Arrays.copyOf(m.values, m.count * 2);
        }
        m.values[m.count++] = buckets.key(n);
    }

    /** btt's struct mode. */
    static final class Modes {
        int mostSeeks;
        int count;
        long[] values;
    }
}
