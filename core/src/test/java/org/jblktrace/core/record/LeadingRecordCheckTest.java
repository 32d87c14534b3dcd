package org.jblktrace.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RecordCounterTest {
    /** Notes and events of one version, some with payloads, in native order. */
    private static byte[] stream(int version, int events, int notes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceRecord r = new TraceRecord();
        r.version = version;
        for (int i = 0; i < events + notes; i++) {
            r.action = i < notes ? Blk.notifyAction(Blk.TN_PROCESS) : Blk.action(Blk.TA_QUEUE, Blk.TC_QUEUE);
            r.setPdu(new byte[i % 3 == 0 ? 16 : i % 3 == 1 ? 0 : 70]);
            out.writeBytes(RecordCodec.toBytes(r, ByteOrder.nativeOrder()));
        }
        return out.toByteArray();
    }

    @Test
    void piecesOfEverySizeCountTheSame() {
        for (int version : new int[] {7, 8}) {
            byte[] trace = stream(version, 9, 4);
            for (int piece = 1; piece <= trace.length; piece++) {
                RecordCounter counter = new RecordCounter(RecordLayout.of(version));
                for (int at = 0; at < trace.length; at += piece) {
                    ByteBuffer slice = ByteBuffer.wrap(trace, at, Math.min(piece, trace.length - at));
                    counter.count(slice);
                    assertEquals(at, slice.position(), "the piece is left as it was");
                }
                assertEquals(13, counter.records(), "v" + version + " in pieces of " + piece);
                assertEquals(9, counter.events());
                assertNull(counter.problem());
            }
        }
    }

    @Test
    void recordsOfAnotherVersionAreAProblemAndStopTheCount() {
        byte[] v7 = stream(7, 3, 1);
        byte[] v8 = stream(8, 2, 0);
        RecordCounter counter = new RecordCounter(RecordLayout.V7);
        counter.count(ByteBuffer.wrap(v7));
        counter.count(ByteBuffer.wrap(v8));
        assertEquals(4, counter.records());
        assertEquals("a version 8 record near byte " + v7.length + " where version 7 records were expected",
                counter.problem());
    }

    @Test
    void bytesWithoutMagicAreNamedByTheirFirstWord() {
        byte[] junk = new byte[64];
        ByteBuffer.wrap(junk).order(ByteOrder.nativeOrder()).putInt(0, 0x1234);
        RecordCounter counter = new RecordCounter(RecordLayout.V8);
        counter.count(ByteBuffer.wrap(junk));
        assertEquals(0, counter.records());
        assertEquals("no record (word 0x00001234) near byte 0 where version 8 records were expected",
                counter.problem());
    }
}
