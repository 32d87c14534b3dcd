package org.jblktrace.core.btt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.jblktrace.core.btt.LatencyHistograms.Kind;
import org.jblktrace.core.record.Blk;

/**
 * btt's report (the .avg text and the .dat activity ranges), in its order and rounding, and as
 * it goes the same figures as data for --json. Some sections change what later ones see, as in
 * btt: the merge section raises a device's Q count to its D count, and the plug section ends a
 * plug still open at the device's last event.
 */
final class Report {
    private static final String AVG_DASHES = "--------------- ------------- ------------- ------------- -----------\n";
    private static final String SEEK_DASHES = "---------- | --------------- --------------- --------------- | ---------------\n";
    private static final String MERGE_DASHES = "---------- | -------- -------- ------- | -------- -------- -------- --------\n";
    private static final String PLUG_DASHES = "---------- | ---------- ----------  | ----------------\n";
    private static final String UNPLUG_DASHES = "---------- | ----------   ----------\n";
    private static final String LIVE_DASHES = "---------- | ---------- ------------- ------------- ------\n";

    private final Btt btt;
    private final BttOptions options;
    private final StringBuilder easy = new StringBuilder();
    /** The report as data, for --json. */
    final Map<String, Object> data = new LinkedHashMap<>();

    Report(Btt btt) {
        this.btt = btt;
        this.options = btt.options;
    }

    private static String format(String format, Object... args) {
        return CFormat.format(format, args);
    }

    private List<ProcessInfo> processes() {
        return btt.processes.selected(options.exes);
    }

    // ---- averages ----------------------------------------------------------------------------

    private static void section(StringBuilder b, String title) {
        b.append("==================== ").append(title).append(" ====================\n\n");
    }

    private static void header(StringBuilder b, String title) {
        b.append(format("%15s %13s %13s %13s %11s\n", title, "MIN", "AVG", "MAX", "N")).append(AVG_DASHES);
    }

    private void avgLine(StringBuilder b, String label, Avg a, boolean easyToo) {
        if (a.n > 0) {
            double avg = a.average();
            b.append(format("%-15s %13.9f %13.9f %13.9f %11d\n", label, CFormat.bitTime(a.min), avg,
                    CFormat.bitTime(a.max), a.n));
            if (easyToo && options.easyParse) {
                easy.append(format("%s %.9f %.9f %.9f %d\n", label, CFormat.bitTime(a.min), avg, CFormat.bitTime(a.max), a.n));
            }
        }
    }

    private static Map<String, Object> avgData(Avg a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", CFormat.bitTime(a.min));
        m.put("avg", a.average());
        m.put("max", CFormat.bitTime(a.max));
        m.put("n", a.n);
        return m;
    }

    private static final String[] DM_NAMES = {"Q2Qdm", "Q2Adm", "Q2Cdm"};
    private static final List<Function<Avgs, Avg>> DM = List.of(a -> a.q2qDm, a -> a.q2aDm, a -> a.q2cDm);
    private static final String[] NAMES = {"Q2Q", "Q2A", "Q2G", "S2G", "G2I", "Q2M", "I2D", "D2C", "Q2C"};
    private static final List<Function<Avgs, Avg>> LATENCIES = List.of(a -> a.q2q, a -> a.q2a, a -> a.q2g,
            a -> a.s2g, a -> a.g2i, a -> a.q2m, a -> a.i2d, a -> a.d2c, a -> a.q2c);

    private Map<String, Object> avgsData(Avgs avgs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < DM.size(); i++) {
            put(m, DM_NAMES[i], DM.get(i).apply(avgs));
        }
        for (int i = 0; i < LATENCIES.size(); i++) {
            put(m, NAMES[i], LATENCIES.get(i).apply(avgs));
        }
        put(m, "M2D", avgs.m2d);
        return m;
    }

    private static void put(Map<String, Object> m, String name, Avg a) {
        if (a.n > 0) {
            m.put(name, avgData(a));
        }
    }

    private void perProcess(StringBuilder b, String title, Function<Avgs, Avg> which) {
        header(b, title);
        for (ProcessInfo p : processes()) {
            Avg a = which.apply(p.avgs);
            if (a.n > 0) {
                avgLine(b, Device.truncate(p.name, 14), a, false);
            }
        }
        b.append('\n');
    }

    private void perDevice(StringBuilder b, String title, Function<Avgs, Avg> which) {
        header(b, title);
        for (Device d : btt.selectedDevices()) {
            Avg a = which.apply(d.avgs);
            if (a.n > 0) {
                avgLine(b, d.header(15), a, false);
            }
        }
        b.append('\n');
    }

    /** output_avgs: every section of the report. */
    void averages(CStream out) {
        StringBuilder b = new StringBuilder(8192);
        if (options.allData) {
            if (options.exes == null || !options.exes.isEmpty()) {
                section(b, "Per Process");
                for (int i = 0; i < DM.size(); i++) {
                    perProcess(b, DM_NAMES[i], DM.get(i));
                }
                b.append('\n');
                for (int i = 0; i < LATENCIES.size(); i++) {
                    perProcess(b, NAMES[i], LATENCIES.get(i));
                }
            }
            section(b, "Per Device");
            for (int i = 0; i < DM.size(); i++) {
                perDevice(b, DM_NAMES[i], DM.get(i));
            }
            b.append('\n');
            for (int i = 0; i < LATENCIES.size(); i++) {
                perDevice(b, NAMES[i], LATENCIES.get(i));
            }
        }
        section(b, "All Devices");
        header(b, "ALL");
        Avgs all = btt.all;
        avgLine(b, "Q2Qdm", all.q2qDm, false);
        avgLine(b, "Q2Adm", all.q2aDm, false);
        avgLine(b, "Q2Cdm", all.q2cDm, false);
        b.append('\n');
        avgLine(b, "Q2Q", all.q2q, true);
        avgLine(b, "Q2A", all.q2a, true);
        avgLine(b, "Q2G", all.q2g, true);
        avgLine(b, "S2G", all.s2g, true);
        avgLine(b, "G2I", all.g2i, true);
        avgLine(b, "Q2M", all.q2m, true);
        avgLine(b, "I2D", all.i2d, true);
        avgLine(b, "M2D", all.m2d, true);
        avgLine(b, "D2C", all.d2c, true);
        avgLine(b, "Q2C", all.q2c, true);
        b.append('\n');
        data.put("all", avgsData(all));
        out.print(b);
        b.setLength(0);

        section(b, "Device Overhead");
        overhead(b);
        section(b, "Device Merge Information");
        merges(b);
        section(b, "Device Q2Q Seek Information");
        seeks(b, true);
        section(b, "Device D2D Seek Information");
        seeks(b, false);
        section(b, "Plug Information");
        plugs(b);
        section(b, "Active Requests At Q Information");
        activeRequests(b);
        section(b, "I/O Active Period Information");
        activePeriods(b);
        out.print(b);
        b.setLength(0);
        sizeHistograms();
        if (options.allData) {
            section(b, "Q2D Histogram");
            queueToIssue(b);
            out.print(b);
        }
        if (btt.easyOut != null) {
            btt.easyOut.print(easy);
        }
        perEntityData();
    }

    /** Per-device and per-process averages for --json (the report prints them only with -A). */
    private void perEntityData() {
        List<Object> devs = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            Map<String, Object> m = deviceData(d);
            m.put("latencies", avgsData(d.avgs));
            devs.add(m);
        }
        data.put("devices", devs);
        List<Object> procs = new ArrayList<>();
        for (ProcessInfo p : processes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name);
            m.put("pid", Integer.toUnsignedLong(p.pid));
            m.put("latencies", avgsData(p.avgs));
            procs.add(m);
        }
        data.put("processes", procs);
    }

    private static Map<String, Object> deviceData(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", Blk.major(d.dev) + "," + Blk.minor(d.dev));
        if (d.mapped != null) {
            m.put("name", d.mapped);
        }
        return m;
    }

    private void overhead(StringBuilder b) {
        b.append(format("%10s | %9s %9s %9s %9s %9s\n", "DEV", "Q2G", "G2I", "Q2M", "I2D", "D2C"));
        b.append("---------- | --------- --------- --------- --------- ---------\n");
        long[] totals = new long[6];
        int[] counts = new int[6];
        List<Object> rows = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            Avgs a = d.avgs;
            if (a.q2c.n > 0 && a.q2c.total != 0) {
                double q2c = CFormat.unsignedToDouble(a.q2c.total);
                Avg[] parts = {a.q2g, a.g2i, a.q2m, a.i2d, a.d2c, a.q2c};
                double[] pct = new double[5];
                for (int i = 0; i < 5; i++) {
                    pct[i] = 100.0 * CFormat.unsignedToDouble(parts[i].total) / q2c;
                }
                b.append(format("%10s | %8.4f%% %8.4f%% %8.4f%% %8.4f%% %8.4f%%\n", d.header(15),
                        pct[0], pct[1], pct[2], pct[3], pct[4]));
                for (int i = 0; i < 6; i++) {
                    totals[i] += parts[i].total;
                    counts[i] += parts[i].n;
                }
                Map<String, Object> row = deviceData(d);
                putPercentages(row, pct);
                rows.add(row);
            }
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("devices", rows);
        if (counts[0] != 0 || counts[1] != 0 || counts[2] != 0 || counts[3] != 0 || counts[4] != 0) {
            double q2c = CFormat.unsignedToDouble(totals[5]);
            double[] pct = new double[5];
            for (int i = 0; i < 5; i++) {
                pct[i] = counts[i] == 0 ? 0.0 : 100.0 * (CFormat.unsignedToDouble(totals[i]) / q2c);
            }
            b.append("---------- | --------- --------- --------- --------- ---------\n");
            b.append(format("%10s | %8.4f%% %8.4f%% %8.4f%% %8.4f%% %8.4f%%\n", "Overall",
                    pct[0], pct[1], pct[2], pct[3], pct[4]));
            Map<String, Object> overall = new LinkedHashMap<>();
            putPercentages(overall, pct);
            section.put("overall", overall);
        }
        b.append('\n');
        data.put("overhead", section);
    }

    private static void putPercentages(Map<String, Object> m, double[] pct) {
        String[] names = {"Q2G", "G2I", "Q2M", "I2D", "D2C"};
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], pct[i]);
        }
    }

    private void merges(StringBuilder b) {
        String head = format("%10s | %8s %8s %7s | %8s %8s %8s %8s\n", "DEV", "#Q", "#D", "Ratio", "BLKmin", "BLKavg",
                "BLKmax", "Total");
        b.append(head).append(MERGE_DASHES);
        int n = 0;
        long nq = 0;
        long nd = 0;
        long blkMin = 0;
        long blkMax = 0;
        long total = 0;
        List<Object> rows = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            if (d.queues == 0 || d.issues == 0) {
                continue;
            } else if (Long.compareUnsigned(d.queues, d.issues) < 0) {
                d.queues = d.issues;
            }
            double q = CFormat.unsignedToDouble(d.queues);
            double dn = CFormat.unsignedToDouble(d.issues);
            double ratio = q < dn ? 1.0 : q / dn;
            double blksAvg = CFormat.unsignedToDouble(d.avgs.blks.total) / dn;
            long avg = org.jblktrace.core.cli.CNumbers.doubleToUnsignedLong(blksAvg);
            Avg blks = d.avgs.blks;
            b.append(format("%10s | %8u %8u %7.1f | %8u %8u %8u %8u\n", d.header(15), d.queues, d.issues, ratio,
                    blks.min, avg, blks.max, blks.total));
            if (options.easyParse) {
                easy.append(format("DMI %s %u %u %.9f %u %u %u %u\n", d.plainHeader(15), d.queues, d.issues, ratio,
                        blks.min, avg, blks.max, blks.total));
            }
            if (n++ == 0) {
                blkMin = blks.min;
                blkMax = blks.max;
            }
            nq += d.queues;
            nd += d.issues;
            total += blks.total;
            if (Long.compareUnsigned(blks.min, blkMin) < 0) {
                blkMin = blks.min;
            }
            if (Long.compareUnsigned(blks.max, blkMax) > 0) {
                blkMax = blks.max;
            }
            Map<String, Object> row = deviceData(d);
            row.put("queued", d.queues);
            row.put("issued", d.issues);
            row.put("ratio", ratio);
            row.put("blocks_min", blks.min);
            row.put("blocks_avg", avg);
            row.put("blocks_max", blks.max);
            row.put("blocks_total", blks.total);
            rows.add(row);
        }
        if (n > 1) {
            double ratio = (double) ((float) CFormat.unsignedToDouble(nq) / (float) CFormat.unsignedToDouble(nd));
            b.append(MERGE_DASHES).append(head);
            b.append(format("%10s | %8u %8u %7.1f | %8u %8u %8u %8u\n", "TOTAL", nq, nd, ratio, blkMin,
                    Long.divideUnsigned(total, nd), blkMax, total));
        }
        b.append('\n');
        data.put("merges", rows);
    }

    /** Totals over the devices of one seek section, and btt's list of their modes. */
    private static final class SeekTotals {
        long nseeks;
        double mean;
        long median;
        ModeNode head;
        int sections = 1;
    }

    private static final class ModeNode {
        ModeNode next;
        long mode;
        int nseeks;
    }

    private void seeks(StringBuilder b, boolean q2q) {
        String head = format("%10s | %15s %15s %15s | %-15s\n", "DEV", "NSEEKS", "MEAN", "MEDIAN", "MODE");
        b.append(head).append(SEEK_DASHES);
        SeekTotals totals = new SeekTotals();
        List<Object> rows = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            SeekStats s = q2q ? d.q2qSeeks : d.d2dSeeks;
            long nseeks = s.totalSeeks;
            if (nseeks <= 0) {
                continue;
            }
            double mean = s.mean();
            long median = s.median();
            SeekStats.Modes m = s.modes();
            long first = m.count > 0 ? m.values[0] : 0;
            b.append(format("%10s | %15d %15.1f %15d | %d(%d)", d.header(15), nseeks, mean, median, first, m.mostSeeks));
            if (m.count > 2) {
                b.append(format("\n%10s   %15s %15s %15s   ...(%d more)\n", "", "", "", "", m.count - 1));
            } else {
                for (int i = 1; i < m.count; i++) {
                    b.append(' ').append(m.values[i]);
                }
                b.append('\n');
            }
            if (options.easyParse) {
                easy.append(format("%s %s %d %.9f %d %d %d", q2q ? "QSK" : "DSK", d.plainHeader(15), nseeks, mean,
                        median, first, m.mostSeeks));
                for (int i = 1; i < m.count; i++) {
                    easy.append(' ').append(m.values[i]);
                }
                easy.append('\n');
            }
            totals.nseeks += nseeks;
            totals.mean += nseeks * mean;
            totals.median += nseeks * median;
            addModes(totals, m);
            Map<String, Object> row = deviceData(d);
            row.put("nseeks", nseeks);
            row.put("mean", mean);
            row.put("median", median);
            List<Long> modes = new ArrayList<>();
            for (int i = 0; i < m.count; i++) {
                modes.add(m.values[i]);
            }
            row.put("modes", modes);
            row.put("mode_count", m.mostSeeks);
            rows.add(row);
        }
        if (totals.sections > 1) {
            b.append(SEEK_DASHES);
            b.append(format("%10s | %15s %15s %15s | %-15s\n", "Overall", "NSEEKS", "MEAN", "MEDIAN", "MODE"));
            overallModes(b, totals);
            b.append('\n');
        }
        b.append('\n');
        data.put(q2q ? "q2q_seeks" : "d2d_seeks", rows);
    }

    private static void addModes(SeekTotals totals, SeekStats.Modes m) {
        totals.sections++;
        for (int i = 0; i < m.count; i++) {
            ModeNode p = totals.head;
            while (p != null && p.mode != m.values[i]) {
                p = p.next;
            }
            if (p != null) {
                p.nseeks += m.mostSeeks;
            } else {
                ModeNode n = new ModeNode();
                n.next = totals.head;
                totals.head = n;
                n.mode = m.values[i];
                n.nseeks = m.mostSeeks;
            }
        }
    }

    /** btt's output_seek_mode_info, list surgery included. */
    private static void overallModes(StringBuilder b, SeekTotals totals) {
        ModeNode list = null;
        ModeNode self;
        while ((self = totals.head) != null) {
            totals.head = self.next;
            self.next = null;
            if (list == null || self.nseeks > list.nseeks) {
                list = self;
            } else if (self.nseeks == list.nseeks) {
                ModeNode p = list;
                while (p != null && p.mode != self.mode) {
                    p = p.next;
                }
                if (p != null) {
                    self.nseeks += p.nseeks;
                } else {
                    self.next = list;
                }
                list = self;
            }
        }
        b.append(format("%10s | %15d %15.1f %15d | %d(%d)", "Average", totals.nseeks, totals.mean / totals.nseeks,
                totals.median / totals.nseeks, list.mode, list.nseeks));
        if (list.next != null) {
            int more = 0;
            for (ModeNode p = list.next; p != null; p = p.next) {
                more++;
            }
            b.append(format("\n%10s   %15s %15s %15s   ...(%d more)\n", "", "", "", "", more));
        }
    }

    private void plugs(StringBuilder b) {
        b.append(format("%10s | %10s %10s  | %s\n", "DEV", "# Plugs", "# Timer Us", "% Time Q Plugged"));
        b.append(PLUG_DASHES);
        int devices = 0;
        long plugs = 0;
        long timerPlugs = 0;
        double percent = 0;
        List<Object> rows = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            if (d.plugged) {
                d.plugs++;
                d.unplug(CFormat.bitTime(d.endNanos));
            }
            if (d.plugs + d.timerPlugs > 0) {
                double delta = CFormat.bitTime(d.endNanos) - d.startTime;
                double pct = 100.0 * (d.pluggedTime / delta);
                b.append(format("%10s | %10d(%10d) | %13.9f%%\n", d.header(15), d.plugs, d.timerPlugs, pct));
                if (options.easyParse) {
                    easy.append(format("PLG %s %d %d %.9f\n", d.plainHeader(15), d.plugs, d.timerPlugs, pct));
                }
                devices++;
                plugs += d.plugs;
                timerPlugs += d.timerPlugs;
                percent += pct;
                Map<String, Object> row = deviceData(d);
                row.put("plugs", d.plugs);
                row.put("timer_unplugs", d.timerPlugs);
                row.put("percent_plugged", pct);
                rows.add(row);
            }
        }
        if (devices > 1) {
            b.append(PLUG_DASHES);
            b.append(format("%10s | %10s %10s  | %s\n", "Overall", "# Plugs", "# Timer Us", "% Time Q Plugged"));
            b.append(format("%10s | %10d(%10d) | %13.9f%%\n", "Average", plugs / devices, timerPlugs / devices,
                    percent / devices));
        }
        b.append('\n');

        b.append(format("%10s | %10s   %10s\n", "DEV", "IOs/Unp", "IOs/Unp(to)"));
        b.append(UNPLUG_DASHES);
        long unplugs = 0;
        long timerUnplugs = 0;
        long ios = 0;
        long timerIos = 0;
        List<Object> unplugRows = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            double perUnplug = 0.0;
            double perTimerUnplug = 0.0;
            if (d.unpluggedIos != 0 && d.plugs != 0) {
                perUnplug = CFormat.unsignedToDouble(d.unpluggedIos) / (double) d.plugs;
                unplugs += d.plugs;
                ios += d.unpluggedIos;
            }
            if (d.timerUnpluggedIos != 0 && d.timerPlugs != 0) {
                perTimerUnplug = CFormat.unsignedToDouble(d.timerUnpluggedIos) / (double) d.timerPlugs;
                timerUnplugs += d.timerPlugs;
                timerIos += d.timerUnpluggedIos;
            }
            b.append(format("%10s | %10.1f   %10.1f\n", d.header(15), perUnplug, perTimerUnplug));
            if (options.easyParse) {
                easy.append(format("UPG %s %.9f %.9f\n", d.plainHeader(15), perUnplug, perTimerUnplug));
            }
            Map<String, Object> row = deviceData(d);
            row.put("ios_per_unplug", perUnplug);
            row.put("ios_per_timer_unplug", perTimerUnplug);
            unplugRows.add(row);
        }
        if (unplugs != 0 || timerUnplugs != 0) {
            double a = unplugs != 0 ? CFormat.unsignedToDouble(ios) / CFormat.unsignedToDouble(unplugs) : 0.0;
            double t = timerUnplugs != 0 ? CFormat.unsignedToDouble(timerIos) / CFormat.unsignedToDouble(timerUnplugs) : 0.0;
            b.append(UNPLUG_DASHES);
            b.append(format("%10s | %10s   %10s\n", "Overall", "IOs/Unp", "IOs/Unp(to)"));
            b.append(format("%10s | %10.1f   %10.1f\n", "Average", a, t));
        }
        b.append('\n');
        data.put("plugs", rows);
        data.put("unplugs", unplugRows);
    }

    private void activeRequests(StringBuilder b) {
        b.append(format("%10s | %13s\n", "DEV", "Avg Reqs @ Q"));
        b.append("---------- | -------------\n");
        int n = 0;
        long queues = 0;
        long active = 0;
        List<Object> rows = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            if (d.queues > 0 && !d.isRemapper()) {
                double avg = CFormat.unsignedToDouble(d.activeTotal) / CFormat.unsignedToDouble(d.queues);
                b.append(format("%10s | %13.1f\n", d.header(15), avg));
                if (options.easyParse) {
                    easy.append(format("ARQ %s %.9f\n", d.plainHeader(15), avg));
                }
                n++;
                queues += d.queues;
                active += d.activeTotal;
                Map<String, Object> row = deviceData(d);
                row.put("average_active", avg);
                rows.add(row);
            }
        }
        if (n > 1) {
            b.append("---------- | -------------\n");
            b.append(format("%10s | %13s\n", "Overall", "Avgs Reqs @ Q"));
            b.append(format("%10s | %13.1f\n", "Average", CFormat.unsignedToDouble(active) / CFormat.unsignedToDouble(queues)));
        }
        b.append('\n');
        data.put("active_requests", rows);
    }

    private void activePeriods(StringBuilder b) {
        b.append(format("%10s | %10s %13s %13s %6s\n", "DEV", "# Live", "Avg. Act", "Avg. !Act", "% Live"));
        b.append(LIVE_DASHES);
        int baseY = 1;
        List<Object> rows = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            CStream out = options.activeFiles ? btt.openPerDevice(d.handle + "_live.dat") : null;
            ActivePeriods.Summary s = d.active.summarise(out, baseY);
            liveLine(b, d.header(15), s);
            if (s.lives != 0) {
                baseY++;
            }
            Map<String, Object> row = deviceData(d);
            liveData(row, s);
            rows.add(row);
        }
        b.append(LIVE_DASHES);
        CStream out = options.activeFiles ? btt.openPerDevice("sys_live.dat") : null;
        ActivePeriods.Summary s = btt.systemActive.summarise(out, 0);
        liveLine(b, "Total Sys", s);
        b.append('\n');
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("devices", rows);
        Map<String, Object> total = new LinkedHashMap<>();
        liveData(total, s);
        section.put("total", total);
        data.put("active_periods", section);
    }

    private static void liveLine(StringBuilder b, String title, ActivePeriods.Summary s) {
        b.append(format("%10s | %10u %13.9f %13.9f %6.2f\n", title, s.lives, s.averageLive, s.averageLull, s.percentLive));
    }

    private static void liveData(Map<String, Object> m, ActivePeriods.Summary s) {
        m.put("lives", s.lives);
        m.put("average_active", s.averageLive);
        m.put("average_inactive", s.averageLull);
        m.put("percent_active", s.percentLive);
    }

    /** -o NAME's NAME_qhist.dat and NAME_dhist.dat: Q and D sizes in blocks. */
    private void sizeHistograms() {
        if (options.output == null) {
            return;
        }
        StringBuilder b = new StringBuilder(16 * 1024);
        b.append("# BTT histogram data\n# Q buckets\n");
        sizes(b, btt.queueSizes, "Q");
        btt.writeWhole(options.output + "_qhist.dat", b.toString());
        b.setLength(0);
        b.append("# D buckets\n");
        sizes(b, btt.issueSizes, "D");
        btt.writeWhole(options.output + "_dhist.dat", b.toString());
    }

    private static void sizes(StringBuilder b, long[] table, String kind) {
        int last = Btt.SIZE_BUCKETS - 1;
        for (int i = 0; i < last; i++) {
            CFormat.integer(b, i + 1, 4);
            b.append(' ').append(table[i]).append('\n');
        }
        b.append("\n# ").append(kind).append(" bucket for > ").append(last).append('\n');
        CFormat.integer(b, last, 4);
        b.append(' ').append(table[last]).append('\n');
    }

    private void queueToIssue(StringBuilder b) {
        b.append(format("%10s | ", "DEV"));
        String[] labels = QueueToIssueHistogram.LABELS;
        for (int i = 0; i < labels.length; i++) {
            // btt prints the last label with its newline inside the padded field, the space after it.
            b.append(format("%5s ", i == labels.length - 1 ? labels[i] + "\n" : labels[i]));
        }
        b.append("--------- | ");
        dashes(b);
        QueueToIssueHistogram sum = new QueueToIssueHistogram();
        int n = 0;
        List<Object> rows = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            if (d.q2dHistogram != null && d.q2dHistogram.total > 0) {
                b.append(format("%10s | ", d.header(15)));
                d.q2dHistogram.render(b);
                sum.addAll(d.q2dHistogram);
                n++;
                Map<String, Object> row = deviceData(d);
                row.put("percent", percentages(d.q2dHistogram));
                rows.add(row);
            }
        }
        if (n > 0) {
            b.append("========== | ");
            dashes(b);
            b.append(format("%10s | ", "AVG"));
            sum.render(b);
            b.append('\n');
        }
        data.put("q2d_histogram", rows);
    }

    private static List<Double> percentages(QueueToIssueHistogram h) {
        List<Double> list = new ArrayList<>();
        for (long bucket : h.buckets) {
            list.add(100.0 * CFormat.unsignedToDouble(bucket) / CFormat.unsignedToDouble(h.total));
        }
        return list;
    }

    private static void dashes(StringBuilder b) {
        for (int i = 0; i < 10; i++) {
            b.append("===== ");
        }
        b.append('\n');
    }

    // ---- ranges ------------------------------------------------------------------------------

    /** output_ranges: the activity periods of the system, the devices (when several) and the processes. */
    void ranges(CStream out) {
        StringBuilder b = new StringBuilder(8192);
        float base = 0.0f;
        b.append("# Total System\n");
        if (regions(b, "Total System", btt.allRegions, base)) {
            base += 1.0f;
        }
        if (btt.devices.size() > 1) {
            b.append("# Per device\n");
            for (Device d : btt.selectedDevices()) {
                if (regions(b, Blk.major(d.dev) + "," + Blk.minor(d.dev), d.regions, base)) {
                    base += 1.0f;
                }
            }
        }
        b.append("# Per process\n");
        for (ProcessInfo p : processes()) {
            regions(b, p.name, p.regions, base);
            base += 1.0f;
        }
        out.print(b);
    }

    private static boolean regions(StringBuilder b, String title, Regions r, float base) {
        if (r.queued.count() == 0 && r.completed.count() == 0) {
            return false;
        }
        b.append(format("# %16s : q activity\n", title));
        ranges(b, r.queued, base);
        b.append('\n');
        b.append(format("# %16s : c activity\n", title));
        ranges(b, r.completed, (float) (base + 0.5));
        b.append('\n');
        return true;
    }

    private static void ranges(StringBuilder b, Ranges r, float base) {
        float limit = (float) (base + 0.4);
        for (int i = 0; i < r.count(); i++) {
            point(b, r.start(i), base);
            point(b, r.start(i), limit);
            point(b, r.end(i), limit);
            point(b, r.end(i), base);
        }
    }

    private static void point(StringBuilder b, long time, float y) {
        CFormat.fixed(b, CFormat.bitTime(time), 13, 9);
        b.append(' ');
        CFormat.fixed(b, y, 5, 1);
        b.append('\n');
    }

    // ---- extras ------------------------------------------------------------------------------

    /** --percentiles: a section after the report. */
    void percentiles(CStream out) {
        StringBuilder b = new StringBuilder(4096);
        section(b, "Latency Percentiles");
        for (Kind kind : Kind.values()) {
            b.append(format("%15s %13s %13s %13s %13s %13s %11s\n", kind.name(), "P50", "P90", "P99", "P99.9", "MAX", "N"));
            b.append("--------------- ------------- ------------- ------------- ------------- ------------- -----------\n");
            percentileLine(b, "ALL", btt.allHistograms.get(kind));
            for (Device d : btt.selectedDevices()) {
                percentileLine(b, d.header(15), d.histograms.get(kind));
            }
            for (ProcessInfo p : processes()) {
                percentileLine(b, Device.truncate(p.name, 14), p.histograms.get(kind));
            }
            b.append('\n');
        }
        out.print(b);
    }

    private static void percentileLine(StringBuilder b, String label, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        b.append(format("%-15s", label));
        for (double p : LatencyHistograms.PERCENTILES) {
            b.append(' ');
            CFormat.fixed(b, h.getValueAtPercentile(p) / 1e9, 13, 9);
        }
        b.append(' ');
        CFormat.fixed(b, h.getMaxValue() / 1e9, 13, 9);
        b.append(' ');
        CFormat.integer(b, h.getTotalCount(), 11);
        b.append('\n');
    }

    /** Percentiles as data: seconds per percentile, max and count, per kind. */
    static Map<String, Object> percentileData(LatencyHistograms histograms) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            Histogram h = histograms.get(kind);
            if (h.getTotalCount() == 0) {
                continue;
            }
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("p50", h.getValueAtPercentile(50.0) / 1e9);
            k.put("p90", h.getValueAtPercentile(90.0) / 1e9);
            k.put("p99", h.getValueAtPercentile(99.0) / 1e9);
            k.put("p99.9", h.getValueAtPercentile(99.9) / 1e9);
            k.put("max", h.getMaxValue() / 1e9);
            k.put("n", h.getTotalCount());
            m.put(kind.name(), k);
        }
        return m;
    }
}
