package org.jblktrace.core.kernel.relay;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.Random;
import org.jblktrace.core.record.Blk;
import org.jblktrace.core.record.RecordCodec;
import org.jblktrace.core.record.TraceRecord;

/** Record streams for tests: queue events with assorted payload sizes, optionally version 8. */
public final class SyntheticTrace {
    private SyntheticTrace() {
    }

    /** {@code count} records of CPU {@code cpu}; every fifth has a payload, every seventh is version 8. */
    public static byte[] records(int count, int cpu, ByteOrder order, boolean withVersion8) {
        Random random = new Random(count * 31L + cpu);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceRecord r = new TraceRecord();
        for (int i = 0; i < count; i++) {
            r.version = withVersion8 && i % 7 == 3 ? Blk.VERSION_8 : Blk.VERSION_7;
            r.sequence = i + 1;
            r.time = 1_000_000L * i + cpu;
            r.sector = random.nextInt(1 << 20);
            r.bytes = 4096;
            r.action = Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE | Blk.TC_WRITE);
            r.pid = 100 + i;
            r.device = 7 << 20 | cpu;
            r.cpu = cpu;
            byte[] pdu = new byte[i % 5 == 0 ? 1 + random.nextInt(300) : 0];
            random.nextBytes(pdu);
            r.setPdu(pdu);
            out.writeBytes(RecordCodec.toBytes(r, order));
        }
        return out.toByteArray();
    }
}
