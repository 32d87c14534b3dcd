package org.jblktrace.core.btt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CFormatTest {
    private static String exact(double v, int precision) {
        return new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String fixed(double v, int precision) {
        StringBuilder b = new StringBuilder();
        CFormat.fixed(b, v, precision);
        return b.toString();
    }

    @Test
    void fixedRoundsTheExactBinaryValueHalfEven() {
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            long nanos = random.nextInt(4) == 0 ? random.nextInt(10_000) : random.nextLong() >>> random.nextInt(64);
            double v = switch (i % 4) {
                case 0 -> CFormat.bitTime(nanos);
                case 1 -> CFormat.toSeconds(nanos);
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(12) - 4);
                default -> (random.nextInt(2_000_000) / 2) / 1000.0;
            };
            for (int precision : new int[] {1, 2, 4, 6, 9}) {
                assertEquals(exact(v, precision), fixed(v, precision), v + " %." + precision + "f");
            }
        }
    }

    @Test
    void longestGapBelowSaysWhatBitTimeSays() {
        Random random = new Random(11);
        java.util.List<Double> deltas = new java.util.ArrayList<>(java.util.List.of(0.1, 0.01, 0.5, 1.0, 1.5,
                3.000000001, 1e-9, 1.5e-9, 0.0, -1.0, Double.NaN, 9.3e9, 1e10, Double.POSITIVE_INFINITY));
        for (int i = 0; i < 200; i++) {
            deltas.add(random.nextDouble() * Math.pow(10, random.nextInt(14) - 10));
        }
        for (double delta : deltas) {
            long longest = CFormat.longestGapBelow(delta);
            for (int i = 0; i < 200; i++) {
                long gap = i < 9 ? longest + i - 4 : random.nextLong() >>> random.nextInt(64);
                if (gap >= 0) {
                    assertEquals(CFormat.bitTime(gap) < delta, gap <= longest, delta + " s, gap " + gap + " ns");
                }
            }
        }
    }

    @Test
    void halvesGoToEven() {
        assertEquals("0.1", fixed(0.125, 1).substring(0, 3));
        assertEquals("0.12", fixed(0.125, 2));
        assertEquals("0.38", fixed(0.375, 2));
        assertEquals("2", fixed(2.5, 0));
        assertEquals("4", fixed(3.5, 0));
    }

    @Test
    void specialValuesAsGlibcPrintsThem() {
        assertEquals("-nan", fixed(0.0 / 0.0, 2));
        assertEquals("inf", fixed(1.0 / 0.0, 6));
        assertEquals("-inf", fixed(-1.0 / 0.0, 6));
        assertEquals("-0.00", fixed(-0.0, 2));
        assertEquals("-0.000", fixed(-1e-9, 3));
        StringBuilder b = new StringBuilder();
        CFormat.fixed(b, 0.0 / 0.0, 8, 2);
        assertEquals("    -nan", b.toString());
    }

    @Test
    void printfSubset() {
        assertEquals("   (  8,  0) | x  ", CFormat.format("%12s | %-3s", "(  8,  0)", "x"));
        assertEquals("18446744073709551615 -1 42(7)", CFormat.format("%llu %lld %d(%d)", -1L, -1L, 42, 7));
        assertEquals("    1.5% abc", CFormat.format("%7.1f%% %.3s", 1.5, "abcdef"));
    }

    @Test
    void timesAsBttConvertsThem() {
        assertEquals(18446744073.709553, CFormat.bitTime(-1L));
        assertEquals(1.5, CFormat.bitTime(1_500_000_000L));
        StringBuilder b = new StringBuilder();
        CFormat.secondsDotNanos(b, -1L, 5);
        assertEquals("1266874889.709551615", b.toString());
    }
}
