package org.jblktrace.core.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Thousands grouping of blkparse's {@code %'} formats. The reference calls
 * {@code setlocale(LC_NUMERIC, "en_US")}, so digits are grouped with ',' only when glibc can
 * load a locale named exactly {@code en_US}; otherwise nothing is grouped.
 */
public final class Grouping {
    private static final Path LOCALE_DIR = Path.of("/usr/lib/locale");
    private static final String NAME = "en_US";
    private static final int ARCHIVE_MAGIC = 0xde020109;

    private final boolean enabled;
    private final byte[] digits = new byte[32];

    private Grouping(boolean enabled) {
        this.enabled = enabled;
    }

    /** A grouping of its own (it keeps scratch space, so runs do not share one). */
    public static Grouping of(boolean enabled) {
        return new Grouping(enabled);
    }

    public boolean enabled() {
        return enabled;
    }

    /** What this process's environment gives, following glibc's search for {@code en_US}. */
    public static Grouping fromEnvironment() {
        return of(detect(System.getenv("LOCPATH"), LOCALE_DIR));
    }

    /**
     * glibc looks for {@code en_US} and then {@code en}: in the locale archive (only without
     * LOCPATH), then in each LOCPATH directory and the default directory.
     */
    static boolean detect(String locPath, Path localeDir) {
        List<Path> dirs = new ArrayList<>();
        if (locPath != null && !locPath.isEmpty()) {
            for (String dir : locPath.split(":")) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        } else if (archiveHas(localeDir.resolve("locale-archive"))) {
            return true;
        }
        dirs.add(localeDir);
        for (String name : new String[] {NAME, "en"}) {
            for (Path dir : dirs) {
                if (Files.isRegularFile(dir.resolve(name).resolve("LC_NUMERIC"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True if the locale archive's name table lists {@code en_US}. */
    static boolean archiveHas(Path archive) {
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
            if (size < 20 || ch.read(head, 0) != 20 || head.getInt(0) != ARCHIVE_MAGIC) {
                return false;
            }
            int tableOffset = head.getInt(8);
            int tableSize = head.getInt(16);
            if (tableOffset < 0 || tableSize < 0 || tableOffset + 12L * tableSize > size) {
                return false;
            }
            ByteBuffer table = ByteBuffer.allocate(12 * tableSize).order(ByteOrder.nativeOrder());
            ch.read(table, tableOffset);
            ByteBuffer name = ByteBuffer.allocate(NAME.length() + 1);
            for (int i = 0; i < tableSize; i++) {
                int nameOffset = table.getInt(12 * i + 4);
                int record = table.getInt(12 * i + 8);
                if (record == 0 || nameOffset <= 0 || nameOffset + NAME.length() + 1L > size) {
                    continue;
                }
                name.clear();
                ch.read(name, nameOffset);
                if (new String(name.array(), 0, NAME.length(), StandardCharsets.ISO_8859_1).equals(NAME)
                    && name.get(NAME.length()) == 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code %'Wlu}: right-aligned in {@code width}, grouped by three with ',' when enabled. */
    public void appendUnsigned(TextBuffer out, long value, int width) {
        if (!enabled) {
            out.appendUnsigned(value, width, false, false);
            return;
        }
        int n = 0;
        long v = value;
        int group = 0;
        if (v < 0) {
            long q = Long.divideUnsigned(v, 10);
            digits[digits.length - ++n] = (byte) ('0' + (v - q * 10));
            group++;
            v = q;
        }
        do {
            if (group == 3) {
                digits[digits.length - ++n] = ',';
                group = 0;
            }
            digits[digits.length - ++n] = (byte) ('0' + v % 10);
            group++;
            v /= 10;
        } while (v != 0);
        out.repeat(' ', width - n);
        out.append(digits, digits.length - n, n);
    }
}
