package org.jblktrace.core.kernel.relay;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jblktrace.core.kernel.CStrings;
import org.jblktrace.core.kernel.Ioctl;
import org.jblktrace.core.record.Blk;

/**
 * The argument of the two set-up ioctls in its LP64 layout: BLKTRACESETUP's
 * {@code struct blk_user_trace_setup} (version 7 records) and Linux 6.19's BLKTRACESETUP2
 * {@code struct blk_user_trace_setup2} (version 8 records, a wider name and action mask, and
 * flags that must be zero).
 */
public enum TraceSetupBlock {
    /** 72 bytes: the u64 fields are 8-aligned, which puts padding after act_mask and buf_nr. */
    V1(Blk.VERSION_7, 115, 72, 32, 32, false, 36, 40, 48, 56, 64),
    /** 192 bytes, the last 88 reserved. */
    V2(Blk.VERSION_8, 142, 192, 64, 64, true, 72, 76, 80, 88, 96);

    private static final int BLOCK_IOCTL_TYPE = 0x12;

    /** The record version traces set up with this block write. */
    public final int recordVersion;
    /** The ioctl request number ({@code _IOWR(0x12, nr, struct)}). */
    public final long request;
    public final int size;
    public final int nameSize;
    public final int actMaskOffset;
    /** Whether the mask is 64 bits wide (else 16). */
    public final boolean wideActMask;
    public final int bufSizeOffset;
    public final int bufNrOffset;
    public final int startLbaOffset;
    public final int endLbaOffset;
    public final int pidOffset;

    TraceSetupBlock(int recordVersion, int number, int size, int nameSize, int actMaskOffset, boolean wideActMask,
            int bufSizeOffset, int bufNrOffset, int startLbaOffset, int endLbaOffset, int pidOffset) {
        this.recordVersion = recordVersion;
        this.request = Ioctl.request(Ioctl.READ | Ioctl.WRITE, BLOCK_IOCTL_TYPE, number, size);
        this.size = size;
        this.nameSize = nameSize;
        this.actMaskOffset = actMaskOffset;
        this.wideActMask = wideActMask;
        this.bufSizeOffset = bufSizeOffset;
        this.bufNrOffset = bufNrOffset;
        this.startLbaOffset = startLbaOffset;
        this.endLbaOffset = endLbaOffset;
        this.pidOffset = pidOffset;
    }

    /** The block that sets up traces of {@code recordVersion} (7 or 8). */
    public static TraceSetupBlock forVersion(int recordVersion) {
        return recordVersion == Blk.VERSION_8 ? V2 : V1;
    }

    /** The request in native byte order, name zeroed for the kernel to fill. */
    public ByteBuffer encode(long actMask, int bufSize, int bufNr, long startLba, long endLba, int pid) {
        ByteBuffer block = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        if (wideActMask) {
            block.putLong(actMaskOffset, actMask);
        } else {
            block.putShort(actMaskOffset, (short) actMask);
        }
        block.putInt(bufSizeOffset, bufSize);
        block.putInt(bufNrOffset, bufNr);
        block.putLong(startLbaOffset, startLba);
        block.putLong(endLbaOffset, endLba);
        block.putInt(pidOffset, pid);
        return block;
    }

    /** The NUL-terminated name the kernel wrote back. */
    public String name(ByteBuffer block) {
        return CStrings.fromField(block, 0, nameSize);
    }
}
