package org.jblktrace.core.cli;

import java.util.List;
import org.jblktrace.core.record.Blk;

/** The {@code -a}/{@code -A} act-mask arguments shared by blktrace and blkparse. */
public final class ActMasks {
    private static final String LONG_PREFIX = "blk_tc_";

    private ActMasks() {
    }

    /**
     * The category bit named {@code name} ({@code write}, {@code BLK_TC_WRITE}, any ASCII
     * case), or -1 when no category has that name.
     */
    public static int byName(String name) {
        for (int bit = 0; bit < Blk.CATEGORY_NAMES.length; bit++) {
            String shortForm = Blk.CATEGORY_NAMES[bit];
            if (equalsIgnoreAsciiCase(name, shortForm) || equalsIgnoreAsciiCase(name, LONG_PREFIX + shortForm)) {
                return 1 << bit;
            }
        }
        return -1;
    }

    /** The category names -a takes, in bit order. */
    public static List<String> names() {
        return List.of(Blk.CATEGORY_NAMES);
    }

    /** Whether a whole mask given with {@code -A} is accepted: 1 up to the 16 category bits. */
    public static boolean isValidSetMask(int mask) {
        return mask >= 1 && mask < 1 << Blk.TC_SHIFT;
    }

    private static boolean equalsIgnoreAsciiCase(String text, String lowerCase) {
        if (text.length() != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (CNumbers.toLowerAscii(text.charAt(i)) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
