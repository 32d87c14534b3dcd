package org.jblktrace.core.parse.format;

import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.ProcessNames;
import org.jblktrace.core.parse.TextBuffer;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.TraceRecord;

/**
 * TEMPORARY stand-in for the real formatter (owned by the "fmt" helper) so that the engine
 * compiles and can be tested before the merge. Without a custom format it prints an obviously
 * different "PLACEHOLDER" line; custom formats support the fields the engine tests use.
 */
public final class EventFormatter {
    private final String[] formats;
    private final ProcessNames names;

    public EventFormatter(String[] formats, ProcessNames names) {
        this.formats = formats;
        this.names = names;
    }

    public void setWallClockBase(long sec, long nsec) {
    }

    public void format(TextBuffer out, String act, TraceRecord t, int cpu, long elapsed, boolean pduShown) {
        String fmt = formats[act.charAt(0) - 'A'];
        if (fmt == null) {
            out.append("PLACEHOLDER ").append(act).append(' ').appendUnsigned(t.sequence & 0xFFFFFFFFL).append('\n');
            return;
        }
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '\\') {
                char e = i + 1 < fmt.length() ? fmt.charAt(i + 1) : '\0';
                if (e != 'n') {
                    throw new BlkparseExit("Invalid escape char in format " + e, 1);
                }
                out.append('\n');
                i++;
                continue;
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            i++;
            boolean left = false;
            if (i < fmt.length() && fmt.charAt(i) == '-') {
                left = true;
                i++;
            }
            int width = 0;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
                width = width * 10 + fmt.charAt(i++) - '0';
            }
            field(out, fmt.charAt(i), width, left, act, t, cpu, elapsed);
        }
    }

    private void field(TextBuffer out, char f, int w, boolean left, String act, TraceRecord t, int cpu, long elapsed) {
        switch (f) {
            case 'a': out.appendPadded(act, w, left); break;
            case 'c': out.appendSigned(cpu, w, left, false); break;
            case 'C': {
                String n = names.nameOf(t.pid);
                out.appendPadded(n == null ? "(null)" : n, w, left);
                break;
            }
            case 'D':
                out.appendSigned(Blk.major(t.device), 3, false, false).append(',')
                    .appendSigned(Blk.minor(t.device), 3, true, false);
                break;
            case 'e': out.appendSigned(t.error, w, left, false); break;
            case 'n': out.appendUnsigned((t.bytes & 0xFFFFFFFFL) >>> 9, w, left, false); break;
            case 'N': out.appendUnsigned(t.bytes & 0xFFFFFFFFL, w, left, false); break;
            case 'p': out.appendUnsigned(t.pid & 0xFFFFFFFFL, w, left, false); break;
            case 's': out.appendUnsigned(t.sequence & 0xFFFFFFFFL, w, left, false); break;
            case 'S': out.appendUnsigned(t.sector, w, left, false); break;
            case 't': out.appendUnsigned(Long.remainderUnsigned(t.time, 1_000_000_000L), w == 0 ? 9 : w, false, true); break;
            case 'T': out.appendSigned((int) Long.divideUnsigned(t.time, 1_000_000_000L), w, left, false); break;
            case 'u':
                if (elapsed == -1) {
                    throw new BlkparseExit("Expecting elapsed value", 1);
                }
                out.appendUnsigned(Long.divideUnsigned(elapsed, 1000), w, left, false);
                break;
            default: out.appendPadded(String.valueOf(f), w, left); break;
        }
    }

    public void formatMessage(TextBuffer out, TraceRecord t, int cpu) {
        if (t.pduLen == 0) {
            return;
        }
        out.appendSigned(Blk.major(t.device), 3, false, false).append(',')
            .appendSigned(Blk.minor(t.device), 3, true, false).append(' ')
            .appendSigned(cpu, 2, false, false).append(' ').appendPadded("0", 8, false).append(' ')
            .appendSigned((int) Long.divideUnsigned(t.time, 1_000_000_000L), 5, false, false).append('.')
            .appendUnsigned(Long.remainderUnsigned(t.time, 1_000_000_000L), 9, false, true)
            .append("     0  m   N ");
        int n = 0;
        while (n < t.pduLen && t.pdu[n] != 0) {
            n++;
        }
        out.append(t.pdu, 0, n).append('\n');
    }
}
