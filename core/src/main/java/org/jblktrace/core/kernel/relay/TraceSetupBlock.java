package org.jblktrace.core.kernel.relay;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jblktrace.core.kernel.CStrings;

/**
 * The argument of BLKTRACESETUP, {@code struct blk_user_trace_setup}, in its LP64 layout
 * (72 bytes: the u64 fields are 8-aligned, which puts padding after act_mask and buf_nr).
 */
public final class TraceSetupBlock {
    public static final int SIZE = 72;
    public static final int NAME_OFFSET = 0;
    public static final int NAME_SIZE = 32;
    public static final int ACT_MASK_OFFSET = 32;
    public static final int BUF_SIZE_OFFSET = 36;
    public static final int BUF_NR_OFFSET = 40;
    public static final int START_LBA_OFFSET = 48;
    public static final int END_LBA_OFFSET = 56;
    public static final int PID_OFFSET = 64;

    private TraceSetupBlock() {
    }

    /** The request in native byte order, name zeroed for the kernel to fill. */
    public static ByteBuffer encode(int actMask, int bufSize, int bufNr, long startLba, long endLba, int pid) {
        ByteBuffer block = ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder());
        block.putShort(ACT_MASK_OFFSET, (short) actMask);
        block.putInt(BUF_SIZE_OFFSET, bufSize);
        block.putInt(BUF_NR_OFFSET, bufNr);
        block.putLong(START_LBA_OFFSET, startLba);
        block.putLong(END_LBA_OFFSET, endLba);
        block.putInt(PID_OFFSET, pid);
        return block;
    }

    /** The NUL-terminated name the kernel wrote back. */
    public static String name(ByteBuffer block) {
        return CStrings.fromField(block, NAME_OFFSET, NAME_SIZE);
    }
}
