package org.jblktrace.core.btt;

import org.jblktrace.core.cli.CNumbers;

/** The I/Os and MB completed in each second (btt's rstats: NAME_iops_fp.dat and NAME_mbps_fp.dat). */
final class RateFiles {
    private final CStream iops;
    private final CStream mbps;
    private long ios;
    private long blocks;
    private long baseSecond = -1;

    RateFiles(CStream iops, CStream mbps) {
        this.iops = iops;
        this.mbps = mbps;
    }

    void add(double now, long nblocks) {
        if (baseSecond < 0) {
            baseSecond = (long) now;
        } else if ((long) now - baseSecond >= 1) {
            emit(now);
        }
        ios++;
        blocks += nblocks;
    }

    void emit(double now) {
        StringBuilder b = new StringBuilder(48);
        b.append(baseSecond).append(' ').append(Long.toUnsignedString(ios)).append('\n');
        iops.print(b);
        b.setLength(0);
        double mb = (CFormat.unsignedToDouble(blocks) * 512.0) / (1024.0 * 1024.0);
        b.append(baseSecond).append(' ');
        CFormat.fixed(b, mb, 6);
        b.append('\n');
        mbps.print(b);
        baseSecond = CNumbers.doubleToUnsignedLong(now);
        ios = 0;
        blocks = 0;
    }
}
