package org.jblktrace.core.btt;

/** A device's side files: opened when btt first sees the device, finished at the end of the run. */
final class DeviceFiles {
    private DeviceFiles() {
    }

    /** btt's dip_alloc: every side file of the options given, in its order. */
    static void open(Btt btt, Device d) {
        BttOptions o = btt.options;
        String h = d.handle;
        d.q2dLatencies = o.q2dLatencies == null ? null : btt.openPerDevice(o.q2dLatencies + "_" + h + "_q2d.dat");
        d.d2cLatencies = o.d2cLatencies == null ? null : btt.openPerDevice(o.d2cLatencies + "_" + h + "_d2c.dat");
        d.q2cLatencies = o.q2cLatencies == null ? null : btt.openPerDevice(o.q2cLatencies + "_" + h + "_q2c.dat");
        if (o.activeQueueDepth != null) {
            CStream s = btt.openPerDevice(o.activeQueueDepth + "_" + h + "_aqd.dat");
            d.queueDepth = s == null ? null : new QueueDepthFile(s);
        }
        if (o.blockNumbers != null) {
            d.blockNumbers = new BlockNumbers(btt.openPerDevice(o.blockNumbers + "_" + h + "_r.dat"),
                    btt.openPerDevice(o.blockNumbers + "_" + h + "_w.dat"),
                    btt.openPerDevice(o.blockNumbers + "_" + h + "_c.dat"));
        }
        if (o.unplugHistogram != null) {
            d.unplugs = new UnplugHistogram();
        }
        d.d2dSeeks = seeks(btt, d, "_d2d");
        d.q2qSeeks = seeks(btt, d, "_q2q");
        if (o.periodicLatencies > 0.0) {
            d.q2dPeriodic = periodic(btt, d, "_q2d");
            d.q2cPeriodic = periodic(btt, d, "_q2c");
            d.d2cPeriodic = periodic(btt, d, "_d2c");
        }
        CStream iops = btt.openPerDevice(h + "_iops_fp.dat");
        CStream mbps = iops == null ? null : btt.openPerDevice(h + "_mbps_fp.dat");
        d.rates = mbps == null ? null : new RateFiles(iops, mbps);
        if (o.perIoTrees != null) {
            d.perIoTree = btt.openUnregistered(h + "_pit.dat");
        }
        if (o.allData) {
            d.q2dHistogram = new QueueToIssueHistogram();
        }
        if (btt.allHistograms != null) {
            d.histograms = new LatencyHistograms();
        }
    }

    private static SeekStats seeks(Btt btt, Device d, String post) {
        BttOptions o = btt.options;
        String s = d.handle + post;
        CStream r = null;
        CStream w = null;
        CStream c = null;
        if (o.seeks != null) {
            r = btt.openPerDevice(o.seeks + "_" + s + "_r.dat");
            w = btt.openPerDevice(o.seeks + "_" + s + "_w.dat");
            c = btt.openPerDevice(o.seeks + "_" + s + "_c.dat");
        }
        CStream perSecond = o.seeksPerSecond == null ? null : btt.openPerDevice(o.seeksPerSecond + "_" + d.handle + ".dat");
        return new SeekStats(r, w, c, perSecond, o.seekAbsolute);
    }

    private static PeriodicLatency periodic(Btt btt, Device d, String post) {
        CStream s = btt.openPerDevice(d.handle + post + "_plat.dat");
        return s == null ? null : new PeriodicLatency(s, btt.options.periodicLatencies);
    }

    /** btt's __dip_exit: the last lines of the per-second and periodic files, the unplug histogram. */
    static void finish(Btt btt, Device d) {
        d.d2dSeeks.finish();
        d.q2qSeeks.finish();
        if (d.q2dPeriodic != null) {
            d.q2dPeriodic.finish();
        }
        if (d.q2cPeriodic != null) {
            d.q2cPeriodic.finish();
        }
        if (d.d2cPeriodic != null) {
            d.d2cPeriodic.finish();
        }
        if (d.unplugs != null) {
            btt.writeWhole(btt.options.unplugHistogram + "_" + d.handle + ".dat", d.unplugs.render());
        }
        if (d.rates != null) {
            d.rates.emit(CFormat.bitTime(btt.lastTime));
        }
        if (d.perIoTree != null) {
            d.perIoTree.close();
        }
    }
}
