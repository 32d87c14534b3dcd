package org.jblktrace.core.btt;

/** -p: each completed request's life, one line per event it went through. */
final class PerIoDump {
    private PerIoDump() {
    }

    static void track(CStream out, Io io, StringBuilder line) {
        line.setLength(0);
        CFormat.integer(line, org.jblktrace.core.record.Blk.major(io.device.dev), 3);
        line.append(',');
        CFormat.integer(line, org.jblktrace.core.record.Blk.minor(io.device.dev), -3);
        line.append(": ");
        event(line, io.time, 'Q', io.sector, io.sectors(), false);
        if (io.gTime != Io.UNSET) {
            event(line, io.gTime, 'G', io.sector, io.sectors(), true);
        }
        if (io.iTime != Io.UNSET) {
            event(line, io.iTime, 'I', io.sector, io.sectors(), true);
        }
        if (io.mTime != Io.UNSET) {
            event(line, io.mTime, 'M', io.sector, io.sectors(), true);
        }
        event(line, io.dTime, 'D', io.dSector, io.dSectors, true);
        event(line, io.cTime, 'C', io.cSector, io.cSectors, true);
        line.append('\n');
        out.print(line);
    }

    private static void event(StringBuilder line, long time, char type, long sector, int sectors, boolean indent) {
        if (time == Io.UNSET) {
            return;
        }
        if (indent) {
            line.append("         ");
        }
        CFormat.secondsDotNanos(line, time, 5);
        line.append(' ').append(type).append(' ');
        CFormat.unsigned(line, sector, 10);
        line.append('+');
        CFormat.unsigned(line, sectors & 0xFFFFFFFFL, -4);
        line.append('\n');
    }
}
