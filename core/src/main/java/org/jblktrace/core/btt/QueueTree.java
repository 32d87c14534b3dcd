package org.jblktrace.core.btt;

import java.util.List;

/**
 * A device's queued requests keyed by start sector in btt's red-black tree. A request at a
 * start sector already queued replaces the one there (which btt then never sees again). The
 * two releases differ in lookups: 1.3 finds a request by exact start sector and every request
 * inside a range; 1.2 finds the request containing a sector and, walking a range, skips the
 * right subtree of a request that reaches the range's end, missing some of those inside.
 */
final class QueueTree {
    private final RbTree tree = new RbTree(64);
    private final boolean release13;
    private Io[] ios = new Io[64];

    QueueTree(boolean release13) {
        this.release13 = release13;
    }

    private static long key(long sector) {
        return sector ^ Long.MIN_VALUE;
    }

    /** rb_insert (always links the request). */
    void insert(Io io) {
        long k = key(io.sector);
        int at = RbTree.NIL;
        boolean asLeft = false;
        int n = tree.root;
        while (n != RbTree.NIL) {
            at = n;
            long nk = tree.key(n);
            if (k < nk) {
                asLeft = true;
                n = tree.left(n);
            } else if (k > nk) {
                asLeft = false;
                n = tree.right(n);
            } else {
                io.node = allocate(k, io);
                tree.replace(n, io.node);
                // The replaced request can no longer be reached: btt never sees it again.
                ios[n] = null;
                tree.free(n);
                return;
            }
        }
        io.node = allocate(k, io);
        tree.insert(io.node, at, asLeft);
    }

    private int allocate(long k, Io io) {
        int id = tree.allocate(k);
        if (id >= ios.length) {
            ios = java.util.Arrays.copyOf(ios, tree.capacity());
        }
        ios[id] = io;
        return id;
    }

    void remove(Io io) {
        tree.erase(io.node);
        ios[io.node] = null;
        tree.free(io.node);
    }

    /** The request a G, I, M, S or remap at {@code sector} belongs to, or null. */
    Io find(long sector) {
        int n = tree.root;
        if (release13) {
            long k = key(sector);
            while (n != RbTree.NIL) {
                long nk = tree.key(n);
                if (k < nk) {
                    n = tree.left(n);
                } else if (k > nk) {
                    n = tree.right(n);
                } else {
                    return ios[n];
                }
            }
            return null;
        }
        while (n != RbTree.NIL) {
            Io io = ios[n];
            if (Long.compareUnsigned(sector, io.start()) < 0) {
                n = tree.left(n);
            } else if (Long.compareUnsigned(sector, io.end()) >= 0) {
                n = tree.right(n);
            } else {
                return io;
            }
        }
        return null;
    }

    /** The requests inside [start, end], in the order btt's walk finds them. */
    void inside(long start, long end, List<Io> found) {
        if (tree.root != RbTree.NIL) {
            walk(tree.root, start, end, found);
        }
    }

    private void walk(int n, long start, long end, List<Io> found) {
        Io io = ios[n];
        long s = io.start();
        long e = io.end();
        if (Long.compareUnsigned(start, s) <= 0 && Long.compareUnsigned(e, end) <= 0) {
            found.add(io);
        }
        if (Long.compareUnsigned(start, s) < 0 && tree.left(n) != RbTree.NIL) {
            walk(tree.left(n), start, end, found);
        }
        boolean right = Long.compareUnsigned(e, end) < 0 || (release13 && Long.compareUnsigned(s, start) < 0);
        if (right && tree.right(n) != RbTree.NIL) {
            walk(tree.right(n), start, end, found);
        }
    }
}
