package org.jblktrace.btt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.jblktrace.core.btt.BttExit;
import org.jblktrace.core.btt.BttOptions;
import org.jblktrace.core.cli.Compat;
import org.jblktrace.core.cli.GetoptException;
import org.junit.jupiter.api.Test;

class BttCommandTest {
    private static BttOptions parse(String... args) throws GetoptException {
        return BttCommand.parse("btt", args, Compat.CURRENT, new ByteArrayOutputStream(), Path.of("."), false);
    }

    @Test
    void doActiveIsNotZButClearsZ() throws GetoptException {
        BttOptions o = parse("-i", "d", "-z", "q2d", "--do-active");
        assertNull(o.q2dLatencies);
        assertEquals(false, o.activeFiles);
        assertEquals(true, parse("-i", "d", "-Z").activeFiles);
        assertEquals("x", parse("-i", "d", "--q2d-latencies=x").q2dLatencies);
    }

    @Test
    void numbersAreReadAsBttReadsThem() throws GetoptException {
        BttOptions o = parse("-i", "d", "-d", "junk", "-S", "-1", "-t", "1.5", "-L", "2x");
        assertEquals(0.1, o.rangeDelta);
        assertEquals(4294967295L * 1_000_000_000L, o.iostatInterval);
        assertTrue(o.timeBounded);
        assertEquals(1.5, o.timeStart);
        assertEquals(0.0, o.timeEnd);
        assertEquals(2.0, o.periodicLatencies);
        BttExit e = assertThrows(BttExit.class, () -> parse("-i", "d", "-S", "soon"));
        assertEquals("btt: -S: invalid interval 'soon' (whole seconds)", e.getMessage());
    }

    @Test
    void requiredAndConflictingOptions() {
        assertEquals(1, assertThrows(BttExit.class, () -> parse("-A")).status);
        assertEquals("FATAL: -m option requires -s options",
                assertThrows(BttExit.class, () -> parse("-i", "d", "-m", "m")).getMessage());
        assertEquals("btt: --trace-dir needs --trace",
                assertThrows(BttExit.class, () -> parse("-i", "d", "--trace-dir", "x")).getMessage());
        assertEquals("btt: --trace=- reads stdin alone and takes no other --trace",
                assertThrows(BttExit.class, () -> parse("--trace=-", "--trace=sda")).getMessage());
        assertEquals("btt: --compat must be 1.2 or 1.3, not '1.4'",
                assertThrows(BttExit.class, () -> parse("-i", "d", "--compat=1.4")).getMessage());
        assertEquals(Compat.V1_2, assertThrowsNothing("-i", "d", "--compat=1.2").compat);
    }

    @Test
    void extrasAreNotAbbreviatedSoBttsOwnAbbreviationsStay() throws GetoptException {
        assertThrows(GetoptException.class, () -> parse("-i", "d", "--perc"));
        assertThrows(GetoptException.class, () -> parse("-i", "d", "--json"));
        assertEquals("q", parse("-i", "d", "--q2c=q").q2cLatencies);
        assertEquals(java.util.List.of("a", "b"), parse("--trace=a", "--trace=b").traces);
    }

    private static BttOptions assertThrowsNothing(String... args) {
        try {
            return parse(args);
        } catch (GetoptException e) {
            throw new AssertionError(e);
        }
    }
}
