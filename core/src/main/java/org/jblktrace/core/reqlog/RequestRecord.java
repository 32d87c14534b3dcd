package org.jblktrace.core.reqlog;

import java.nio.ByteBuffer;

/**
 * One record of /dev/reqlog ({@code struct reqlog_record}).
 *
 * @param sequence  its number; for {@link ReqlogAbi#LOST}, that of the last record lost
 * @param timeNs    CLOCK_MONOTONIC nanoseconds
 * @param sector    first 512-byte sector on the whole disk; for {@link ReqlogAbi#LOST}, how many
 *                  records were lost
 * @param sectors   length in 512-byte sectors
 * @param kind      {@link ReqlogAbi#ISSUE} ... {@link ReqlogAbi#DISABLED}
 * @param flags     {@link ReqlogAbi#WRITE} ...; 0 for a read
 * @param error     for a completion, 0 or a negative errno
 */
public record RequestRecord(long sequence, long timeNs, long sector, long sectors, int major, int minor, int kind,
                            int flags, int error, int pid) {

    /** The record at {@code offset} of a buffer in native byte order. */
    public static RequestRecord decode(ByteBuffer buffer, int offset) {
        return new RequestRecord(buffer.getLong(offset + ReqlogAbi.RECORD_SEQUENCE),
                buffer.getLong(offset + ReqlogAbi.RECORD_TIME_NS),
                buffer.getLong(offset + ReqlogAbi.RECORD_SECTOR),
                Integer.toUnsignedLong(buffer.getInt(offset + ReqlogAbi.RECORD_NR_SECTORS)),
                buffer.getInt(offset + ReqlogAbi.RECORD_MAJOR),
                buffer.getInt(offset + ReqlogAbi.RECORD_MINOR),
                Short.toUnsignedInt(buffer.getShort(offset + ReqlogAbi.RECORD_KIND)),
                Short.toUnsignedInt(buffer.getShort(offset + ReqlogAbi.RECORD_FLAGS)),
                buffer.getInt(offset + ReqlogAbi.RECORD_ERROR),
                buffer.getInt(offset + ReqlogAbi.RECORD_PID));
    }

    public boolean isWrite() {
        return (flags & ReqlogAbi.WRITE) != 0;
    }

    /** How many records a {@link ReqlogAbi#LOST} record stands for. */
    public long lostCount() {
        return sector;
    }

    /** The seed's line for an issue: {@code device 3/1 sector 107936 write 2}. */
    public String line() {
        return "device " + major + "/" + minor + " sector " + Long.toUnsignedString(sector) + " "
                + (isWrite() ? "write" : "read") + " " + sectors;
    }
}
