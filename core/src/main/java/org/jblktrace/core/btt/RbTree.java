package org.jblktrace.core.btt;

import java.util.Arrays;

/**
 * A red-black tree over int node ids with signed long keys, rebalanced exactly as the rbtree
 * that btt is built with (Linux 2.6's lib/rbtree.c): the same rotations on insertion and
 * erasure, and node replacement that takes over the victim's place. btt's output depends on
 * the tree's shape (its median walks pre-order, its mode post-order, its request lookups visit
 * matches in pre-order), so the shape must be the same, not just the order.
 */
final class RbTree {
    static final int NIL = -1;
    /** Longs per node: the key, the two children, the parent and the colour (one cache line or two). */
    private static final int STRIDE = 3;

    int root = NIL;
    /** Node n: [3n] key, [3n+1] left << 32 | right (as unsigned ints), [3n+2] parent << 1 | black. */
    private long[] nodes;
    private int freeHead = NIL;
    private int allocated;

    RbTree(int capacity) {
        nodes = new long[capacity * STRIDE];
    }

    int capacity() {
        return nodes.length / STRIDE;
    }

    long key(int n) {
        return nodes[n * STRIDE];
    }

    int left(int n) {
        return (int) (nodes[n * STRIDE + 1] >> 32);
    }

    int right(int n) {
        return (int) nodes[n * STRIDE + 1];
    }

    int parent(int n) {
        return (int) (nodes[n * STRIDE + 2] >> 1);
    }

    boolean black(int n) {
        return (nodes[n * STRIDE + 2] & 1) != 0;
    }

    private void setLeft(int n, int child) {
        int i = n * STRIDE + 1;
        nodes[i] = ((long) child << 32) | (nodes[i] & 0xFFFFFFFFL);
    }

    private void setRight(int n, int child) {
        int i = n * STRIDE + 1;
        nodes[i] = (nodes[i] & 0xFFFFFFFF00000000L) | (child & 0xFFFFFFFFL);
    }

    private void setParent(int n, int p) {
        int i = n * STRIDE + 2;
        nodes[i] = ((long) p << 1) | (nodes[i] & 1);
    }

    private void setBlack(int n, boolean b) {
        int i = n * STRIDE + 2;
        nodes[i] = (nodes[i] & ~1L) | (b ? 1 : 0);
    }

    /** A fresh, unlinked node holding {@code k}; ids are reused after {@link #free}. */
    int allocate(long k) {
        int id;
        if (freeHead != NIL) {
            id = freeHead;
            freeHead = left(id);
        } else {
            if (allocated == capacity()) {
                nodes = Arrays.copyOf(nodes, nodes.length * 2);
            }
            id = allocated++;
        }
        nodes[id * STRIDE] = k;
        return id;
    }

    void free(int id) {
        setLeft(id, freeHead);
        freeHead = id;
    }

    /** The node with key {@code k}, or NIL. */
    int find(long k) {
        int n = root;
        while (n != NIL) {
            if (k < key(n)) {
                n = left(n);
            } else if (k > key(n)) {
                n = right(n);
            } else {
                return n;
            }
        }
        return n;
    }

    /** rb_link_node then rb_insert_color: {@code node} becomes a red leaf under {@code at}. */
    void insert(int node, int at, boolean asLeft) {
        setParent(node, at);
        setLeft(node, NIL);
        setRight(node, NIL);
        setBlack(node, false);
        if (at == NIL) {
            root = node;
        } else if (asLeft) {
            setLeft(at, node);
        } else {
            setRight(at, node);
        }
        insertColor(node);
    }

    /**
     * Links a new node keyed {@code k} where a search puts it; an equal key returns the
     * existing node (as a negative {@code -1 - id}) and links nothing.
     */
    int insertUnique(long k) {
        int at = NIL;
        boolean asLeft = false;
        int n = root;
        while (n != NIL) {
            at = n;
            if (k < key(n)) {
                asLeft = true;
                n = left(n);
            } else if (k > key(n)) {
                asLeft = false;
                n = right(n);
            } else {
                return -1 - n;
            }
        }
        int node = allocate(k);
        insert(node, at, asLeft);
        return node;
    }

    /** rb_replace_node: {@code node} takes {@code victim}'s place and colour; the victim is left out. */
    void replace(int victim, int node) {
        int p = parent(victim);
        if (p != NIL) {
            if (left(p) == victim) {
                setLeft(p, node);
            } else {
                setRight(p, node);
            }
        } else {
            root = node;
        }
        if (left(victim) != NIL) {
            setParent(left(victim), node);
        }
        if (right(victim) != NIL) {
            setParent(right(victim), node);
        }
        setParent(node, p);
        setLeft(node, left(victim));
        setRight(node, right(victim));
        setBlack(node, black(victim));
    }

    private boolean isRed(int n) {
        return n != NIL && !black(n);
    }

    private boolean isBlack(int n) {
        return n == NIL || black(n);
    }

    private void rotateLeft(int node) {
        int r = right(node);
        int p = parent(node);
        setRight(node, left(r));
        if (left(r) != NIL) {
            setParent(left(r), node);
        }
        setLeft(r, node);
        setParent(r, p);
        if (p != NIL) {
            if (node == left(p)) {
                setLeft(p, r);
            } else {
                setRight(p, r);
            }
        } else {
            root = r;
        }
        setParent(node, r);
    }

    private void rotateRight(int node) {
        int l = left(node);
        int p = parent(node);
        setLeft(node, right(l));
        if (right(l) != NIL) {
            setParent(right(l), node);
        }
        setRight(l, node);
        setParent(l, p);
        if (p != NIL) {
            if (node == right(p)) {
                setRight(p, l);
            } else {
                setLeft(p, l);
            }
        } else {
            root = l;
        }
        setParent(node, l);
    }

    private void insertColor(int node) {
        int p;
        while ((p = parent(node)) != NIL && isRed(p)) {
            int g = parent(p);
            if (p == left(g)) {
                int uncle = right(g);
                if (isRed(uncle)) {
                    setBlack(uncle, true);
                    setBlack(p, true);
                    setBlack(g, false);
                    node = g;
                    continue;
                }
                if (right(p) == node) {
                    rotateLeft(p);
                    int tmp = p;
                    p = node;
                    node = tmp;
                }
                setBlack(p, true);
                setBlack(g, false);
                rotateRight(g);
            } else {
                int uncle = left(g);
                if (isRed(uncle)) {
                    setBlack(uncle, true);
                    setBlack(p, true);
                    setBlack(g, false);
                    node = g;
                    continue;
                }
                if (left(p) == node) {
                    rotateRight(p);
                    int tmp = p;
                    p = node;
                    node = tmp;
                }
                setBlack(p, true);
                setBlack(g, false);
                rotateLeft(g);
            }
        }
        setBlack(root, true);
    }

    /** rb_erase: unlinks {@code node} (which stays allocated). */
    void erase(int node) {
        int child;
        int p;
        boolean wasBlack;
        if (left(node) == NIL) {
            child = right(node);
        } else if (right(node) == NIL) {
            child = left(node);
        } else {
            int old = node;
            node = right(node);
            int l;
            while ((l = left(node)) != NIL) {
                node = l;
            }
            child = right(node);
            p = parent(node);
            wasBlack = black(node);
            if (child != NIL) {
                setParent(child, p);
            }
            if (p == old) {
                setRight(p, child);
                p = node;
            } else {
                setLeft(p, child);
            }
            setParent(node, parent(old));
            setBlack(node, black(old));
            setRight(node, right(old));
            setLeft(node, left(old));
            int op = parent(old);
            if (op != NIL) {
                if (left(op) == old) {
                    setLeft(op, node);
                } else {
                    setRight(op, node);
                }
            } else {
                root = node;
            }
            setParent(left(old), node);
            if (right(old) != NIL) {
                setParent(right(old), node);
            }
            if (wasBlack) {
                eraseColor(child, p);
            }
            return;
        }
        p = parent(node);
        wasBlack = black(node);
        if (child != NIL) {
            setParent(child, p);
        }
        if (p != NIL) {
            if (left(p) == node) {
                setLeft(p, child);
            } else {
                setRight(p, child);
            }
        } else {
            root = child;
        }
        if (wasBlack) {
            eraseColor(child, p);
        }
    }

    private void eraseColor(int node, int p) {
        while (isBlack(node) && node != root) {
            if (left(p) == node) {
                int other = right(p);
                if (isRed(other)) {
                    setBlack(other, true);
                    setBlack(p, false);
                    rotateLeft(p);
                    other = right(p);
                }
                if (isBlack(left(other)) && isBlack(right(other))) {
                    setBlack(other, false);
                    node = p;
                    p = parent(node);
                } else {
                    if (isBlack(right(other))) {
                        if (left(other) != NIL) {
                            setBlack(left(other), true);
                        }
                        setBlack(other, false);
                        rotateRight(other);
                        other = right(p);
                    }
                    setBlack(other, black(p));
                    setBlack(p, true);
                    if (right(other) != NIL) {
                        setBlack(right(other), true);
                    }
                    rotateLeft(p);
                    node = root;
                    break;
                }
            } else {
                int other = left(p);
                if (isRed(other)) {
                    setBlack(other, true);
                    setBlack(p, false);
                    rotateRight(p);
                    other = left(p);
                }
                if (isBlack(left(other)) && isBlack(right(other))) {
                    setBlack(other, false);
                    node = p;
                    p = parent(node);
                } else {
                    if (isBlack(left(other))) {
                        if (right(other) != NIL) {
                            setBlack(right(other), true);
                        }
                        setBlack(other, false);
                        rotateLeft(other);
                        other = left(p);
                    }
                    setBlack(other, black(p));
                    setBlack(p, true);
                    if (left(other) != NIL) {
                        setBlack(left(other), true);
                    }
                    rotateRight(p);
                    node = root;
                    break;
                }
            }
        }
        if (node != NIL) {
            setBlack(node, true);
        }
    }
}
