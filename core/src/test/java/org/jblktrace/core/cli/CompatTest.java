package org.jblktrace.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CompatTest {
    @Test
    void optionValuesNameTheReleases() {
        assertEquals(Compat.V1_2, Compat.ofRelease("1.2"));
        assertEquals(Compat.V1_3, Compat.ofRelease("1.3"));
        assertNull(Compat.ofRelease("1.4"));
        assertNull(Compat.ofRelease(null));
    }

    @Test
    void environmentSetsTheDefaultAndRejectsOtherValues() {
        assertEquals(Compat.CURRENT, Compat.fromEnvironment(Map.of()));
        assertEquals(Compat.CURRENT, Compat.fromEnvironment(Map.of(Compat.ENVIRONMENT, "")));
        assertEquals(Compat.V1_2, Compat.fromEnvironment(Map.of(Compat.ENVIRONMENT, "1.2")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compat.fromEnvironment(Map.of(Compat.ENVIRONMENT, "1.2.0")));
        assertEquals("JBLKTRACE_COMPAT must be 1.2 or 1.3, not '1.2.0'", e.getMessage());
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        Map<String, String> env = Map.of(Compat.ENVIRONMENT, "1.2");
        assertEquals(Compat.V1_2, Compat.select(null, env));
        assertEquals(Compat.V1_3, Compat.select("1.3", env));
        assertEquals(Compat.V1_3, Compat.select("1.3", Map.of(Compat.ENVIRONMENT, "bogus")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Compat.select("", env));
        assertEquals("--compat must be 1.2 or 1.3, not ''", e.getMessage());
    }

    @Test
    void onlyTheCurrentModeReadsVersion8() {
        assertTrue(Compat.CURRENT.acceptsVersion8());
        assertFalse(Compat.V1_2.acceptsVersion8());
        assertFalse(Compat.V1_3.acceptsVersion8());
    }
}
