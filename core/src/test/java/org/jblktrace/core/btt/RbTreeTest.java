package org.jblktrace.core.btt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RbTreeTest {
    /** Black height of the subtree, checking order, colours and parent links on the way. */
    private static int check(RbTree t, int n, int parent, long low, long high) {
        if (n == RbTree.NIL) {
            return 1;
        }
        assertEquals(parent, t.parent(n));
        assertTrue(t.key(n) > low && t.key(n) < high, "order");
        if (!t.black(n)) {
            assertTrue(t.left(n) == RbTree.NIL || t.black(t.left(n)), "red node with a red child");
            assertTrue(t.right(n) == RbTree.NIL || t.black(t.right(n)), "red node with a red child");
        }
        int l = check(t, t.left(n), n, low, t.key(n));
        int r = check(t, t.right(n), n, t.key(n), high);
        assertEquals(l, r, "black heights");
        return l + (t.black(n) ? 1 : 0);
    }

    @Test
    void insertionsErasuresAndReplacementsKeepARedBlackTree() {
        Random random = new Random(3);
        RbTree tree = new RbTree(4);
        TreeSet<Long> keys = new TreeSet<>();
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int op = random.nextInt(10);
            if (op < 5 || nodes.isEmpty()) {
                long k = random.nextInt(5000);
                int n = tree.insertUnique(k);
                if (n >= 0) {
                    nodes.add(n);
                    keys.add(k);
                }
            } else if (op < 9) {
                int n = nodes.remove(random.nextInt(nodes.size()));
                keys.remove(tree.key(n));
                tree.erase(n);
                tree.free(n);
            } else {
                int index = random.nextInt(nodes.size());
                int victim = nodes.get(index);
                int n = tree.allocate(tree.key(victim));
                tree.replace(victim, n);
                tree.free(victim);
                nodes.set(index, n);
            }
            if (i % 500 == 0 || i > 19_900) {
                assertTrue(tree.root == RbTree.NIL || tree.black(tree.root));
                check(tree, tree.root, RbTree.NIL, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        }
        assertEquals(keys.size(), nodes.size());
        for (long k : keys) {
            assertTrue(tree.find(k) != RbTree.NIL);
        }
    }
}
