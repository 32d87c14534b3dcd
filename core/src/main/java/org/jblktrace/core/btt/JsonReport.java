package org.jblktrace.core.btt;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jblktrace.core.kernel.Errno;

/**
 * --json: the whole report as one JSON document (schema in docs/btt.md), written with
 * Jackson's streaming generator. Times are seconds, counts are integers.
 */
final class JsonReport {
    /** Bumped when a field changes meaning or goes away; new fields do not bump it. */
    static final int SCHEMA_VERSION = 1;

    private final Btt btt;
    private final Report report;

    JsonReport(Btt btt, Report report) {
        this.btt = btt;
        this.report = report;
    }

    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", "jblktrace-btt");
        doc.put("schema_version", SCHEMA_VERSION);
        doc.put("btt_version", "2.09");
        doc.put("compat", btt.options.compat.release == null ? "current" : btt.options.compat.release);
        doc.put("traces", btt.traces);
        doc.putAll(report.data);
        Map<String, Object> percentiles = new LinkedHashMap<>();
        percentiles.put("all", Report.percentileData(btt.allHistograms));
        List<Object> devices = new ArrayList<>();
        for (Device d : btt.selectedDevices()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", org.jblktrace.core.record.Blk.major(d.dev) + "," + org.jblktrace.core.record.Blk.minor(d.dev));
            if (d.mapped != null) {
                m.put("name", d.mapped);
            }
            m.putAll(Report.percentileData(d.histograms));
            devices.add(m);
        }
        percentiles.put("devices", devices);
        List<Object> processes = new ArrayList<>();
        for (ProcessInfo p : btt.processes.selected(btt.options.exes)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name);
            m.put("pid", Integer.toUnsignedLong(p.pid));
            m.putAll(Report.percentileData(p.histograms));
            processes.add(m);
        }
        percentiles.put("processes", processes);
        doc.put("percentiles", percentiles);
        return doc;
    }

    /** Writes the document; returns 1 after a message when the file cannot be written. */
    int write() {
        String target = btt.options.json;
        try {
            if (target.equals("-")) {
                btt.stdout.flushBuffer();
                OutputStream out = btt.context.stdout;
                write(out);
                out.flush();
            } else {
                try (OutputStream out = Files.newOutputStream(btt.resolve(target))) {
                    write(out);
                }
            }
            return 0;
        } catch (IOException e) {
            btt.context.stderr.println(btt.context.program + ": " + target + ": " + Errno.text(e));
            return 1;
        }
    }

    private void write(OutputStream out) throws IOException {
        JsonFactory factory = JsonFactory.builder().build();
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            value(g, document());
            g.writeRaw('\n');
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else {
            throw new IllegalArgumentException("no JSON form for " + v);
        }
    }
}
