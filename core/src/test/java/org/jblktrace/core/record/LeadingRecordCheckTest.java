package org.jblktrace.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class LeadingRecordCheckTest {
    /** Notes, then events, of one version, some with payloads, in native order. */
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

    private static byte[] junk(int word) {
        byte[] junk = new byte[64];
        ByteBuffer.wrap(junk).order(ByteOrder.nativeOrder()).putInt(0, word);
        return junk;
    }

    @Test
    void notesAloneAreNoEventInPiecesOfEverySize() {
        for (int version : new int[] {7, 8}) {
            byte[] notes = stream(version, 0, 5);
            for (int piece = 1; piece <= notes.length; piece++) {
                LeadingRecordCheck check = new LeadingRecordCheck(RecordLayout.of(version));
                for (int at = 0; at < notes.length; at += piece) {
                    ByteBuffer slice = ByteBuffer.wrap(notes, at, Math.min(piece, notes.length - at));
                    check.check(slice);
                    assertEquals(at, slice.position(), "the piece is left as it was");
                }
                assertFalse(check.sawEvent(), "v" + version + " in pieces of " + piece);
                assertFalse(check.done());
                assertNull(check.problem());
            }
        }
    }

    @Test
    void theFirstEventEndsTheCheckWhateverFollows() {
        byte[] trace = stream(8, 2, 3);
        for (int piece = 1; piece <= trace.length; piece++) {
            LeadingRecordCheck check = new LeadingRecordCheck(RecordLayout.V8);
            for (int at = 0; at < trace.length; at += piece) {
                check.check(ByteBuffer.wrap(trace, at, Math.min(piece, trace.length - at)));
            }
            check.check(ByteBuffer.wrap(junk(0x1234)));
            assertTrue(check.sawEvent(), "in pieces of " + piece);
            assertTrue(check.done());
            assertNull(check.problem(), "bytes after the first event are not looked at");
        }
    }

    @Test
    void recordsOfAnotherVersionBeforeAnEventAreAProblem() {
        byte[] v7 = stream(7, 0, 2);
        LeadingRecordCheck check = new LeadingRecordCheck(RecordLayout.V7);
        check.check(ByteBuffer.wrap(v7));
        check.check(ByteBuffer.wrap(stream(8, 2, 0)));
        assertFalse(check.sawEvent());
        assertTrue(check.done());
        assertEquals("a version 8 record near byte " + v7.length + " where version 7 records were expected",
                check.problem());
    }

    @Test
    void bytesWithoutMagicAreNamedByTheirFirstWord() {
        LeadingRecordCheck check = new LeadingRecordCheck(RecordLayout.V8);
        check.check(ByteBuffer.wrap(junk(0x1234)));
        assertEquals("no record (word 0x00001234) near byte 0 where version 8 records were expected",
                check.problem());
    }
}
