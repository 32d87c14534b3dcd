package org.jblktrace.core.kernel.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufferPageTest {
    private final List<String> seen = new ArrayList<>();

    private boolean read(ByteBuffer page) throws Exception {
        return RingBufferPage.read(page, (buf, offset, length, time) -> seen.add(buf.get(offset) + "/" + length + "@" + time));
    }

    private static byte[] data(int first, int length) {
        byte[] data = new byte[length];
        data[0] = (byte) first;
        return data;
    }

    @Test
    void entriesComeWithTheirTimesAndLengths() throws Exception {
        ByteBuffer page = new RingBufferPages(1000).entry(data(1, 48), 1000).entry(data(2, 72), 1500)
                .entry(data(3, 200), 2000).read();
        assertTrue(read(page));
        assertEquals(List.of("1/48@1000", "2/72@1500", "3/200@2000"), seen);
    }

    @Test
    void extendsStampsAndDiscardedEntriesMoveTheClockAsTheKernelDoes() throws Exception {
        long later = 1000 + (5L << 27) + 7;
        ByteBuffer page = new RingBufferPages(1000).entry(data(1, 48), 1000).discarded(60).entry(data(2, 24), later)
                .stamp(99_000_000_000L).entry(data(3, 48), 99_000_000_010L).read();
        assertTrue(read(page));
        assertEquals(List.of("1/48@1000", "2/24@" + later, "3/48@99000000010"), seen);
    }

    @Test
    void paddingWithoutDeltaEndsThePage() throws Exception {
        ByteBuffer page = new RingBufferPages(1).entry(data(1, 48), 1).read();
        int end = RingBufferPage.HEADER_SIZE + 4 + 48;
        page.putInt(end, 29);
        page.putLong(8, end + 40 - RingBufferPage.HEADER_SIZE);
        assertTrue(read(page));
        assertEquals(List.of("1/48@1"), seen);
    }

    @Test
    void anEmptyReadAndAMalformedPageHandOnWhatMakesSense() throws Exception {
        assertTrue(read(ByteBuffer.allocate(0)));
        ByteBuffer page = new RingBufferPages(1).entry(data(1, 48), 1).entry(data(2, 48), 2).read();
        page.putLong(8, 4 + 48 + 4 + 20);
        assertFalse(read(page), "the second entry runs past the commit");
        assertEquals(List.of("1/48@1"), seen);
        ByteBuffer tooLong = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder()).putLong(8, 4000);
        assertFalse(read(tooLong.clear()));
    }
}
