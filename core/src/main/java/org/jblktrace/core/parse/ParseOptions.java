package org.jblktrace.core.parse;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.cli.Compat;

/**
 * What blkparse was asked to do, as its command line left it: the values are raw, the
 * defaults are blkparse's. The command-line front end fills this; the engine reads it.
 */
public final class ParseOptions {
    /** The release reproduced: {@code --compat} or JBLKTRACE_COMPAT, else the current one. */
    public Compat compat = Compat.CURRENT;
    /** Default read batch ({@code -b}). */
    public static final int DEFAULT_BATCH = 512;

    /** Input names in command-line order ({@code -i} and non-option arguments), pipe input excluded. */
    public final List<String> inputs = new ArrayList<>();
    /** The input that is read as a stream ({@code -} or a FIFO), or null in file mode. */
    public String pipeName;
    /** {@code -D}: directory prepended to input names, or null. */
    public String inputDir;
    /** Display filter as category bits; -1 means every category. */
    public int actMask = -1;
    /** {@code -o}: text output file, or null for stdout. */
    public String outputName;
    /** False with {@code -O}. */
    public boolean textOutput = true;
    /**
     * {@code -b}: events read per batch, an unsigned 32-bit count as in blkparse (read it with
     * {@link Integer#toUnsignedLong}): {@code -b -1} means 4294967295, not the default.
     */
    public int batch = DEFAULT_BATCH;
    /** {@code -s}. */
    public boolean perProcessStats;
    /** {@code -S}: the order of the per-program statistics. */
    public ProgramSort programSort = ProgramSort.NAME;
    /** {@code --dump-version}: the trace version {@code -d} writes, 0 for each record's own. */
    public int dumpVersion;
    /** {@code -t}. */
    public boolean trackIos;
    /** False with {@code -q}. */
    public boolean perDeviceAndCpuStats = true;
    /** {@code -w}: window in rebased nanoseconds, unsigned; end -1 means none. */
    public long stopwatchStart;
    public long stopwatchEnd = -1L;
    /** {@code -f}/{@code -F}: custom format per action letter (index = letter - 'A'), null when unset. */
    public final String[] formats = new String[26];
    /** False with {@code -h}: per-program statistics are keyed by name. */
    public boolean hashByPid = true;
    /** Number of {@code -v}. */
    public int verbose;
    /** {@code -d}: binary dump file, "-" for stdout, or null. */
    public String dumpBinary;
    /**
     * The binary dump as a stream instead of a named file (another tool reading the merged
     * records, such as btt's --trace), or null. Takes the place of {@link #dumpBinary}.
     */
    public OutputStream dumpStream;
    /** False with {@code -M}. */
    public boolean binaryOutputMessages = true;

    public String format(char letter) {
        return formats[letter - 'A'];
    }
}
