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

    int root = NIL;
    int[] left;
    int[] right;
    int[] parent;
    boolean[] black;
    long[] key;
    private int freeHead = NIL;
    private int allocated;

    RbTree(int capacity) {
        left = new int[capacity];
        right = new int[capacity];
        parent = new int[capacity];
        black = new boolean[capacity];
        key = new long[capacity];
    }

    int capacity() {
        return key.length;
    }

    /** A fresh, unlinked node holding {@code k}; ids are reused after {@link #free}. */
    int allocate(long k) {
        int id;
        if (freeHead != NIL) {
            id = freeHead;
            freeHead = left[id];
        } else {
            if (allocated == key.length) {
                int size = key.length * 2;
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
                parent = Arrays.copyOf(parent, size);
                black = Arrays.copyOf(black, size);
                key = Arrays.copyOf(key, size);
            }
            id = allocated++;
        }
        key[id] = k;
        return id;
    }

    void free(int id) {
        left[id] = freeHead;
        freeHead = id;
    }

    /** The node with key {@code k}, or NIL. */
    int find(long k) {
        int n = root;
        while (n != NIL) {
            if (k < key[n]) {
                n = left[n];
            } else if (k > key[n]) {
                n = right[n];
            } else {
                return n;
            }
        }
        return n;
    }

    /** rb_link_node then rb_insert_color: {@code node} becomes a red leaf under {@code at}. */
    void insert(int node, int at, boolean asLeft) {
        parent[node] = at;
        left[node] = NIL;
        right[node] = NIL;
        black[node] = false;
        if (at == NIL) {
            root = node;
        } else if (asLeft) {
            left[at] = node;
        } else {
            right[at] = node;
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
            if (k < key[n]) {
                asLeft = true;
                n = left[n];
            } else if (k > key[n]) {
                asLeft = false;
                n = right[n];
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
        int p = parent[victim];
        if (p != NIL) {
            if (left[p] == victim) {
                left[p] = node;
            } else {
                right[p] = node;
            }
        } else {
            root = node;
        }
        if (left[victim] != NIL) {
            parent[left[victim]] = node;
        }
        if (right[victim] != NIL) {
            parent[right[victim]] = node;
        }
        parent[node] = p;
        left[node] = left[victim];
        right[node] = right[victim];
        black[node] = black[victim];
    }

    private boolean isRed(int n) {
        return n != NIL && !black[n];
    }

    private boolean isBlack(int n) {
        return n == NIL || black[n];
    }

    private void rotateLeft(int node) {
        int r = right[node];
        int p = parent[node];
        right[node] = left[r];
        if (left[r] != NIL) {
            parent[left[r]] = node;
        }
        left[r] = node;
        parent[r] = p;
        if (p != NIL) {
            if (node == left[p]) {
                left[p] = r;
            } else {
                right[p] = r;
            }
        } else {
            root = r;
        }
        parent[node] = r;
    }

    private void rotateRight(int node) {
        int l = left[node];
        int p = parent[node];
        left[node] = right[l];
        if (right[l] != NIL) {
            parent[right[l]] = node;
        }
        right[l] = node;
        parent[l] = p;
        if (p != NIL) {
            if (node == right[p]) {
                right[p] = l;
            } else {
                left[p] = l;
            }
        } else {
            root = l;
        }
        parent[node] = l;
    }

    private void insertColor(int node) {
        int p;
        while ((p = parent[node]) != NIL && isRed(p)) {
            int g = parent[p];
            if (p == left[g]) {
                int uncle = right[g];
                if (isRed(uncle)) {
                    black[uncle] = true;
                    black[p] = true;
                    black[g] = false;
                    node = g;
                    continue;
                }
                if (right[p] == node) {
                    rotateLeft(p);
                    int tmp = p;
                    p = node;
                    node = tmp;
                }
                black[p] = true;
                black[g] = false;
                rotateRight(g);
            } else {
                int uncle = left[g];
                if (isRed(uncle)) {
                    black[uncle] = true;
                    black[p] = true;
                    black[g] = false;
                    node = g;
                    continue;
                }
                if (left[p] == node) {
                    rotateRight(p);
                    int tmp = p;
                    p = node;
                    node = tmp;
                }
                black[p] = true;
                black[g] = false;
                rotateLeft(g);
            }
        }
        black[root] = true;
    }

    /** rb_erase: unlinks {@code node} (which stays allocated). */
    void erase(int node) {
        int child;
        int p;
        boolean wasBlack;
        if (left[node] == NIL) {
            child = right[node];
        } else if (right[node] == NIL) {
            child = left[node];
        } else {
            int old = node;
            node = right[node];
            int l;
            while ((l = left[node]) != NIL) {
                node = l;
            }
            child = right[node];
            p = parent[node];
            wasBlack = black[node];
            if (child != NIL) {
                parent[child] = p;
            }
            if (p == old) {
                right[p] = child;
                p = node;
            } else {
                left[p] = child;
            }
            parent[node] = parent[old];
            black[node] = black[old];
            right[node] = right[old];
            left[node] = left[old];
            int op = parent[old];
            if (op != NIL) {
                if (left[op] == old) {
                    left[op] = node;
                } else {
                    right[op] = node;
                }
            } else {
                root = node;
            }
            parent[left[old]] = node;
            if (right[old] != NIL) {
                parent[right[old]] = node;
            }
            if (wasBlack) {
                eraseColor(child, p);
            }
            return;
        }
        p = parent[node];
        wasBlack = black[node];
        if (child != NIL) {
            parent[child] = p;
        }
        if (p != NIL) {
            if (left[p] == node) {
                left[p] = child;
            } else {
                right[p] = child;
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
            if (left[p] == node) {
                int other = right[p];
                if (isRed(other)) {
                    black[other] = true;
                    black[p] = false;
                    rotateLeft(p);
                    other = right[p];
                }
                if (isBlack(left[other]) && isBlack(right[other])) {
                    black[other] = false;
                    node = p;
                    p = parent[node];
                } else {
                    if (isBlack(right[other])) {
                        if (left[other] != NIL) {
                            black[left[other]] = true;
                        }
                        black[other] = false;
                        rotateRight(other);
                        other = right[p];
                    }
                    black[other] = black[p];
                    black[p] = true;
                    if (right[other] != NIL) {
                        black[right[other]] = true;
                    }
                    rotateLeft(p);
                    node = root;
                    break;
                }
            } else {
                int other = left[p];
                if (isRed(other)) {
                    black[other] = true;
                    black[p] = false;
                    rotateRight(p);
                    other = left[p];
                }
                if (isBlack(left[other]) && isBlack(right[other])) {
                    black[other] = false;
                    node = p;
                    p = parent[node];
                } else {
                    if (isBlack(left[other])) {
                        if (right[other] != NIL) {
                            black[right[other]] = true;
                        }
                        black[other] = false;
                        rotateLeft(other);
                        other = left[p];
                    }
                    black[other] = black[p];
                    black[p] = true;
                    if (left[other] != NIL) {
                        black[left[other]] = true;
                    }
                    rotateRight(p);
                    node = root;
                    break;
                }
            }
        }
        if (node != NIL) {
            black[node] = true;
        }
    }
}
