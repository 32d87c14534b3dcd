package org.jblktrace.core.parse.format;

import java.nio.ByteOrder;
import java.time.ZoneId;
import org.jblktrace.core.parse.BlkparseExit;
import org.jblktrace.core.parse.ProcessNames;
import org.jblktrace.core.parse.TextBuffer;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/**
 * Renders blkparse event lines: the default line (header plus a per-action tail) or the
 * custom {@code -f}/{@code -F} format of the action's first letter. Formats are compiled once
 * at construction; rendering allocates nothing.
 */
public final class EventFormatter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String UNKNOWN_NAME = "(null)";
    /** A cgroup id (inode and generation, 32 bits each) leads the payload of cgroup-flagged records. */
    private static final int CGROUP_ID_BYTES = 8;
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /** Compiled custom format per letter (index letter - 'A'), null for the default line. */
    private final FormatProgram[] programs = new FormatProgram[26];
    private final ProcessNames names;
    private final WallClock wallClock;
    private final boolean cgroupField;
    private final byte[] rwbs = new byte[Rwbs.MAX_LENGTH];
    /** Holds a field rendered before it is padded to its width. */
    private final TextBuffer field = new TextBuffer(64);

    /**
     * @param formats     custom format per action letter (index letter - 'A'), null = default
     *                    line; read once, later changes to the array are not seen
     * @param names       task names for {@code [NAME]} and {@code %C}
     * @param cgroupField whether {@code %g} is the cgroup id field (blkparse 1.3.0 and later)
     *                    rather than an unknown letter printed as itself
     */
    public EventFormatter(String[] formats, ProcessNames names, boolean cgroupField) {
        this(formats, names, cgroupField, ZoneId.systemDefault());
    }

    /** As {@link #EventFormatter(String[], ProcessNames, boolean)} with the time zone {@code %z} uses. */
    EventFormatter(String[] formats, ProcessNames names, boolean cgroupField, ZoneId zone) {
        this.cgroupField = cgroupField;
        for (int i = 0; i < programs.length && i < formats.length; i++) {
            if (formats[i] != null) {
                programs[i] = FormatProgram.compile(formats[i]);
            }
        }
        this.names = names;
        this.wallClock = new WallClock(zone);
    }

    /** %z base: the wall-clock time (sec, nsec) that rebased time 0 stands for. */
    public void setWallClockBase(long sec, long nsec) {
        wallClock.setBase(sec, nsec);
    }

    /**
     * One event line for action string {@code act} ("Q", "UT", "ZP", ...): the custom format of
     * act's first letter if set, else the default line. {@code t.time} is already rebased;
     * {@code elapsed} is the tracked time in ns or -1 for none; {@code pduShown} tells whether
     * the payload hex dump applies (PC D/C/I). With the default format a REMAP ("A") record's
     * device is overwritten with the remap target, as the reference does.
     *
     * @throws BlkparseExit for {@code %u} without elapsed or an invalid escape; the text
     *                      rendered for this event before the failure stays in {@code out}
     */
    public void format(TextBuffer out, String act, TraceRecord t, int cpu, long elapsed, boolean pduShown) {
        FormatProgram program = programs[act.charAt(0) - 'A'];
        if (program != null) {
            formatCustom(out, program, act, t, cpu, elapsed, pduShown);
        } else {
            formatDefault(out, act, t, cpu, elapsed, pduShown);
        }
    }

    /**
     * The line of a TN_MESSAGE record (nothing when pdu_len is 0); {@code cpu} should be the
     * record's CPU. Since blkparse 1.3.0 ({@code release13}) the line shows the record's pid,
     * and a cgroup-flagged message its cgroup id (inode,generation in hex) before the text.
     */
    public void formatMessage(TextBuffer out, TraceRecord t, int cpu, boolean release13) {
        if (t.pduLen == 0) {
            return;
        }
        appendDevice(out, t.device);
        out.append(' ').appendSigned(cpu, 2, false, false);
        out.append("        0 ");
        appendTime(out, t.time);
        int from = 0;
        if (release13) {
            out.append(' ').appendUnsigned(t.pid & 0xFFFFFFFFL, 5, false, false).append(' ');
            if ((t.action & Blk.TA_CGROUP) != 0) {
                appendCgroup(out, t).append(' ');
                from = CGROUP_ID_BYTES;
            }
            out.append(" m   N ");
        } else {
            out.append("     0  m   N ");
        }
        int end = from;
        while (end < t.pduLen && t.pdu[end] != 0) {
            end++;
        }
        out.append(t.pdu, from, end - from).append('\n');
    }

    /**
     * {@code ino,gen} in hex from the cgroup id that leads a cgroup-flagged payload, read in
     * this machine's byte order whatever the trace's (as blkparse does), or {@code 0,0} for a
     * record without one.
     */
    private static TextBuffer appendCgroup(TextBuffer out, TraceRecord t) {
        long ino = 0;
        long gen = 0;
        if ((t.action & Blk.TA_CGROUP) != 0) {
            ino = payloadNativeInt(t, 0);
            gen = payloadNativeInt(t, 4);
        }
        return out.appendHex(ino).append(',').appendHex(gen);
    }

    /** The u32 at {@code off} of the payload in this machine's byte order; missing bytes read as 0. */
    private static long payloadNativeInt(TraceRecord t, int off) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int at = off + (NATIVE_BIG_ENDIAN ? i : 3 - i);
            v = (v << 8) | (at < t.pduLen ? t.pdu[at] & 0xFF : 0);
        }
        return v;
    }

    /** Whole seconds of an unsigned nanosecond time (floor(floor(v/2)/5e8) == floor(v/1e9)). */
    static long seconds(long time) {
        return (time >>> 1) / (NANOS_PER_SECOND / 2);
    }

    /** Nanoseconds within the second of an unsigned nanosecond time. */
    static long nanos(long time) {
        return time - seconds(time) * NANOS_PER_SECOND;
    }

    private String nameOf(TraceRecord t) {
        String name = names.nameOf(t.pid);
        return name == null ? UNKNOWN_NAME : name;
    }

    private void appendDevice(TextBuffer out, int device) {
        out.appendSigned(Blk.major(device), 3, false, false).append(',');
        out.appendSigned(Blk.minor(device), 3, true, false);
    }

    /** {@code %5d.%09lu}: seconds as a signed 32-bit value, then the nanoseconds. */
    private static void appendTime(TextBuffer out, long time) {
        long seconds = seconds(time);
        out.appendSigned((int) seconds, 5, false, false).append('.');
        out.appendUnsigned(time - seconds * NANOS_PER_SECOND, 9, false, true);
    }

    private void formatDefault(TextBuffer out, String act, TraceRecord t, int cpu, long elapsed, boolean pduShown) {
        char letter = act.charAt(0);
        if (letter == 'A') {
            t.device = RecordCodec.payloadBigEndianInt(t, 4);
        }
        appendDevice(out, t.device);
        out.append(' ').appendSigned(cpu, 2, false, false);
        out.append(' ').appendSigned(t.sequence, 8, false, false).append(' ');
        appendTime(out, t.time);
        out.append(' ').appendUnsigned(t.pid & 0xFFFFFFFFL, 5, false, false);
        out.append(' ').appendPadded(act, 2, false).append(' ');
        int n = Rwbs.fill(rwbs, t);
        out.repeat(' ', 3 - n).append(rwbs, 0, n).append(' ');

        boolean pc = (t.categories() & Blk.TC_PC) != 0;
        long sectors = (t.bytes & 0xFFFFFFFFL) >>> 9;
        switch (letter) {
            case 'C':
            case 'R':
                if (pc) {
                    appendPayload(out, t, pduShown);
                } else {
                    appendExtent(out, t.sector, sectors, elapsed, true);
                }
                out.append('[').appendSigned(t.error).append("]\n");
                break;
            case 'D':
            case 'I':
            case 'Q':
            case 'B':
                if (pc) {
                    out.appendUnsigned(t.bytes & 0xFFFFFFFFL).append(' ');
                    appendPayload(out, t, pduShown);
                } else {
                    appendExtent(out, t.sector, sectors, elapsed, false);
                }
                appendName(out, t).append('\n');
                break;
            case 'M':
            case 'F':
            case 'G':
            case 'S':
                appendExtent(out, t.sector, sectors, -1, false);
                appendName(out, t).append('\n');
                break;
            case 'P':
                appendName(out, t).append('\n');
                break;
            case 'U':
                appendUnplug(out, t);
                break;
            case 'A':
                out.appendUnsigned(t.sector).append(" + ").appendUnsigned(sectors).append(" <- (");
                int from = RecordCodec.payloadBigEndianInt(t, 0);
                out.appendSigned(Blk.major(from)).append(',').appendSigned(Blk.minor(from)).append(") ");
                out.appendUnsigned(RecordCodec.payloadBigEndianLong(t, 8)).append('\n');
                break;
            case 'X':
                out.appendUnsigned(t.sector).append(" / ").appendUnsigned(RecordCodec.payloadInteger(t)).append(' ');
                appendName(out, t).append('\n');
                break;
            case 'Z':
                if (act.charAt(1) == 'U') {
                    appendUnplug(out, t);
                } else {
                    appendName(out, t).append('\n'); // zone plug and zone management: the generic tail
                }
                break;
            default:
                throw new IllegalArgumentException("no default line for action " + act);
        }
    }

    /**
     * {@code sector + n} when n &gt; 0, then {@code (elapsed)} when tracked, each followed by a
     * space; completions always show the sector, the other actions only together with n.
     */
    private static void appendExtent(TextBuffer out, long sector, long sectors, long elapsed, boolean alwaysSector) {
        if (sectors != 0) {
            out.appendUnsigned(sector).append(" + ").appendUnsigned(sectors).append(' ');
        } else if (alwaysSector) {
            out.appendUnsigned(sector).append(' ');
        }
        if (elapsed != -1) {
            out.append('(').appendUnsigned(elapsed, 8, false, false).append(") ");
        }
    }

    private static void appendPayload(TextBuffer out, TraceRecord t, boolean pduShown) {
        if (pduShown && t.pduLen > 0) {
            out.append('(');
            PayloadDump.append(out, t.pdu, t.pduLen);
            out.append(") ");
        }
    }

    private TextBuffer appendName(TextBuffer out, TraceRecord t) {
        return out.append('[').append(nameOf(t)).append(']');
    }

    private void appendUnplug(TextBuffer out, TraceRecord t) {
        appendName(out, t).append(' ').appendUnsigned(RecordCodec.payloadInteger(t)).append('\n');
    }

    private void formatCustom(TextBuffer out, FormatProgram program, String act, TraceRecord t, int cpu,
                              long elapsed, boolean pduShown) {
        for (FormatProgram.Step step : program.steps) {
            switch (step.kind) {
                case LITERAL:
                    out.append(step.literal, 0, step.literal.length);
                    break;
                case FIELD:
                    appendField(out, step, act, t, cpu, elapsed, pduShown);
                    break;
                default:
                    throw new BlkparseExit(step.failure, 1);
            }
        }
    }

    private void appendField(TextBuffer out, FormatProgram.Step step, String act, TraceRecord t, int cpu,
                             long elapsed, boolean pduShown) {
        int width = step.width;
        boolean left = step.leftAlign;
        switch (step.field) {
            case 'a':
                out.appendPadded(act, width, left);
                break;
            case 'c':
                out.appendSigned(cpu, width, left, false);
                break;
            case 'C':
                out.appendPadded(nameOf(t), width, left);
                break;
            case 'd': {
                int n = Rwbs.fill(rwbs, t);
                field.clear();
                field.append(rwbs, 0, n);
                appendPadded(out, field, width, left);
                break;
            }
            case 'D':
                appendDevice(out, t.device);
                break;
            case 'e':
                out.appendSigned(t.error, width, left, false);
                break;
            case 'M':
                out.appendSigned(Blk.major(t.device), width, left, false);
                break;
            case 'm':
                out.appendSigned(Blk.minor(t.device), width, left, false);
                break;
            case 'n':
                out.appendUnsigned((t.bytes & 0xFFFFFFFFL) >>> 9, width, left, false);
                break;
            case 'N':
                out.appendUnsigned(t.bytes & 0xFFFFFFFFL, width, left, false);
                break;
            case 'p':
                out.appendUnsigned(t.pid & 0xFFFFFFFFL, width, left, false);
                break;
            case 'P':
                if (pduShown) {
                    PayloadDump.append(out, t.pdu, t.pduLen);
                }
                break;
            case 's':
                out.appendUnsigned(t.sequence & 0xFFFFFFFFL, width, left, false);
                break;
            case 'S':
                out.appendUnsigned(t.sector, width, left, false);
                break;
            case 't':
                out.appendUnsigned(nanos(t.time), width, left, !left);
                break;
            case 'T':
                out.appendSigned((int) seconds(t.time), width, left, false);
                break;
            case 'u':
                if (elapsed == -1) {
                    throw new BlkparseExit("Expecting elapsed value", 1);
                }
                out.appendUnsigned((elapsed >>> 3) / 125, width, left, false); // unsigned /1000
                break;
            case 'U':
                out.appendUnsigned(RecordCodec.payloadInteger(t), width, left, false);
                break;
            case 'z':
                field.clear();
                wallClock.append(field, t.time);
                appendPadded(out, field, width, left);
                break;
            case 'g':
                if (!cgroupField) {
                    appendLetter(out, step.field, width, left);
                    break;
                }
                field.clear();
                appendCgroup(field, t);
                appendPadded(out, field, width, left);
                break;
            default:
                appendLetter(out, step.field, width, left);
                break;
        }
    }

    /** An unknown field letter prints as itself, padded to the width. */
    private static void appendLetter(TextBuffer out, int letter, int width, boolean left) {
        if (!left) {
            out.repeat(' ', width - 1);
        }
        out.appendByte(letter);
        if (left) {
            out.repeat(' ', width - 1);
        }
    }

    private static void appendPadded(TextBuffer out, TextBuffer text, int width, boolean left) {
        int pad = width - text.length();
        if (!left) {
            out.repeat(' ', pad);
        }
        out.append(text);
        if (left) {
            out.repeat(' ', pad);
        }
    }
}
