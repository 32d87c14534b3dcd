package org.jblktrace.core.btt;

import org.jblktrace.core.cli.Compat;

/**
 * What btt was asked to do, as its command line left it; defaults are btt 2.09's. The
 * command-line front end fills this, the engine reads it.
 */
public final class BttOptions {
    /** -a. */
    public boolean seekAbsolute;
    /** -A. */
    public boolean allData;
    /** -B. */
    public String blockNumbers;
    /** -d, in seconds. */
    public double rangeDelta = 0.1;
    /** -D: "major,minor;major,minor...", or null for every device. */
    public String devices;
    /** -e: "name,name...", or null for every process. */
    public String exes;
    /** -i. */
    public String input;
    /** -I. */
    public String iostat;
    /** -l. */
    public String d2cLatencies;
    /** -L, in seconds; 0 for none. */
    public double periodicLatencies;
    /** -m. */
    public String seeksPerSecond;
    /** -M. */
    public final DeviceMap deviceMap = new DeviceMap();
    /** -o. */
    public String output;
    /** -p. */
    public String perIoDump;
    /** -P: only whether it was given matters, as in btt. */
    public String perIoTrees;
    /** -q. */
    public String q2cLatencies;
    /** -Q. */
    public String activeQueueDepth;
    /** -r. */
    public boolean noRemaps;
    /** -s. */
    public String seeks;
    /** -S, in nanoseconds. */
    public long iostatInterval = 1_000_000_000L;
    /** -t and -T: once either is given, both bounds apply (the end defaults to 0). */
    public boolean timeBounded;
    public double timeStart;
    public double timeEnd;
    /** -u. */
    public String unplugHistogram;
    /** -v. */
    public boolean verbose;
    /** -X (only with -o). */
    public boolean easyParse;
    /** -z. */
    public String q2dLatencies;
    /** -Z. */
    public boolean activeFiles;

    /** --compat. */
    public Compat compat = Compat.CURRENT;
    /** --percentiles. */
    public boolean percentiles;
    /** --json: a file, "-" for stdout, or null. */
    public String json;
    /**
     * --trace, in order: NAMEs of NAME.blktrace.N files (several are merged, as blkparse merges
     * several -i), or the one "-" for a blktrace stream on stdin; empty for a dump (-i).
     */
    public final java.util.List<String> traces = new java.util.ArrayList<>();
    /** --trace-dir. */
    public String traceDir;
}
