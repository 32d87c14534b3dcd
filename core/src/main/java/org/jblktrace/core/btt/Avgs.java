package org.jblktrace.core.btt;

/** The statistics btt keeps for all devices, for each device and for each process. */
final class Avgs {
    final Avg q2qDm = new Avg();
    final Avg q2aDm = new Avg();
    final Avg q2cDm = new Avg();
    final Avg q2q = new Avg();
    final Avg q2a = new Avg();
    final Avg q2g = new Avg();
    final Avg s2g = new Avg();
    final Avg g2i = new Avg();
    final Avg q2m = new Avg();
    final Avg i2d = new Avg();
    final Avg m2d = new Avg();
    final Avg d2c = new Avg();
    final Avg q2c = new Avg();
    /** Blocks per completion. */
    final Avg blks = new Avg();
}
