package org.jblktrace.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values come from glibc on the reference host (blkparse's -A/-w/-b messages and a C check). */
class CNumbersTest {
    @Test
    void strtoulConvertsLikeGlibc() {
        assertEquals(512, CNumbers.strtoul("512"));
        assertEquals(16384, CNumbers.strtoul(" \t+16384kib"));
        assertEquals(0, CNumbers.strtoul("x1"));
        assertEquals(0, CNumbers.strtoul("-0"));
        assertEquals(-1L, CNumbers.strtoul("-1"));
        assertEquals(-5L, CNumbers.strtoul("-5"));
        assertEquals(-1L, CNumbers.strtoul("18446744073709551615"));
        assertEquals(-1L, CNumbers.strtoul("18446744073709551616"));
        assertEquals(-1L, CNumbers.strtoul("99999999999999999999999"));
        assertEquals(Long.MIN_VALUE, CNumbers.strtoul("9223372036854775808"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "512|512", "' 42x'|42", "-7|-7", "+8|8", "''|0", "x1|0", "' \t\n\u000b\f\r9'|9",
        // strtol saturates at the long range, then the int cast keeps the low 32 bits
        "4294967297|1", "99999999999999999999|-1", "-99999999999999999999|0",
        "-9223372036854775808|0", "9223372036854775807|-1",
    })
    void atoi(String text, int expected) {
        assertEquals(expected, CNumbers.atoi(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ffff|65535", "'  1f'|31", "0X1F|31", "1g|1", "+5|5", "'1 2'|1", "0x|0", "0xg|0", "+0x|0",
        "' 0x 1'|0", "0x0x1|0", "-1|-1", "-0x1|-1", "10000|65536", "100000001|1",
        "ffffffffffffffffffffff|-1", "-ffffffffffffffffffffff|-1", "fffe0000|-131072",
        "4294967297|-1802079593", "-9223372036854775808|-1",
    })
    void scanHexConverts(String text, int expected) {
        assertEquals(OptionalInt.of(expected), CNumbers.scanHex(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"zz", "''", "' '", "x1", "+", "-", "'\u0660'"})
    void scanHexFails(String text) {
        assertTrue(CNumbers.scanHex(text).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.5|1.5|3", "' 1:1'|1.0|2", "1:|1.0|1", ".5|0.5|2", "1.|1.0|2", "1e|1.0|1", "1e+|1.0|1",
        "1e3x|1000.0|3", "-2.5E-1|-0.25|7", "0x10|16.0|4", "0x1p4|16.0|5", "0x.8|0.5|4", "0x|0.0|1",
        "0x:1|0.0|1", "inf|Infinity|3", "INFinity|Infinity|8", "infin|Infinity|3", "-inf|-Infinity|4",
        "nan|NaN|3", "nan(123)|NaN|8", "nan(:1|NaN|3", "1e999|Infinity|5", "0x1p99999999999|Infinity|15",
    })
    void strtodConverts(String text, double value, int end) {
        assertEquals(new CNumbers.ParsedDouble(value, end), CNumbers.strtod(text, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"abc", "''", ".", ".:1", "+-1", "\u0131nf", "' '"})
    void strtodWithoutNumberEndsWhereItStarted(String text) {
        assertEquals(0, CNumbers.strtod(text, 0).end());
    }

    @Test
    void strtodStartsAtOffset() {
        assertEquals(new CNumbers.ParsedDouble(2.0, 4), CNumbers.strtod("1: 2", 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1e9|1000000000", "299.99999999999994|299", "-1e9|18446744072709551616", "-1|18446744073709551615",
        "-0.5|0", "NaN|9223372036854775808", "-Infinity|9223372036854775808", "Infinity|0",
        "1e19|10000000000000000000", "2e19|0", "1e300|0", "9.3e18|9300000000000000000",
    })
    void doubleToUnsignedLongMatchesGccOnX86(double value, String expected) {
        assertEquals(expected, Long.toUnsignedString(CNumbers.doubleToUnsignedLong(value)));
    }
}
