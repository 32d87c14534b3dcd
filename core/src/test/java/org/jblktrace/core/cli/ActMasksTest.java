package org.jblktrace.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActMasksTest {
    @ParameterizedTest
    @CsvSource({"read,1", "WRITE,2", "Blk_Tc_Sync,8", "BLK_TC_DRV_DATA,16384", "fua,32768", "notify,1024"})
    void namesAndPrefixedNamesInAnyCase(String name, int mask) {
        assertEquals(mask, ActMasks.byName(name));
    }

    @ParameterizedTest
    // "\u017fync" folds to SYNC in Java but not in the C locale; END is only a C alias.
    @CsvSource({"bogus", "''", "blk_tc_", "BLK_TC_END", "\u017fync", "tc_read", "' read'"})
    void unknownNames(String name) {
        assertEquals(-1, ActMasks.byName(name));
    }

    @Test
    void setMaskRange() {
        assertTrue(ActMasks.isValidSetMask(1));
        assertTrue(ActMasks.isValidSetMask(0xFFFF));
        assertFalse(ActMasks.isValidSetMask(0));
        assertFalse(ActMasks.isValidSetMask(0x10000));
        assertFalse(ActMasks.isValidSetMask(-1));
    }
}
