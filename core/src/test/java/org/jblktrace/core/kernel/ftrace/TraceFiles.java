package org.jblktrace.core.kernel.ftrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/** Decodes native-order record streams for assertions. */
final class TraceFiles {
    private TraceFiles() {
    }

    static List<TraceRecord> decode(ByteBuffer data) {
        ByteBuffer buf = data.duplicate().order(ByteOrder.nativeOrder());
        List<TraceRecord> records = new ArrayList<>();
        while (buf.hasRemaining()) {
            int magic = buf.getInt(buf.position());
            if (!RecordCodec.hasMagic(magic)) {
                throw new IllegalStateException("no record at offset " + buf.position());
            }
            TraceRecord r = new TraceRecord();
            RecordCodec.decodeHeader(buf, magic & 0xFF, r);
            buf.get(r.ensurePdu(r.pduLen), 0, r.pduLen);
            records.add(r);
        }
        return records;
    }

    static List<TraceRecord> decode(Path file) throws IOException {
        return decode(ByteBuffer.wrap(Files.readAllBytes(file)));
    }

    static String comm(TraceRecord note) {
        int end = 0;
        while (end < note.pduLen && note.pdu[end] != 0) {
            end++;
        }
        return new String(note.pdu, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
