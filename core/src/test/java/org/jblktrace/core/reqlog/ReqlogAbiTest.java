package org.jblktrace.core.reqlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.jblktrace.core.kernel.HeaderProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles kernel/reqlog.h with gcc and checks that {@link ReqlogAbi} and the decoder mirror it. */
class ReqlogAbiTest {
    private static final String PROBE = """
            #include <stddef.h>
            #include <stdio.h>
            #include <string.h>
            #include "reqlog.h"
            #define OFF(s, f) printf(#s "." #f "=%zu\\n", offsetof(struct s, f))
            int main(void)
            {
                struct reqlog_record r;
                unsigned char *b = (unsigned char *)&r;
                size_t i;
                OFF(reqlog_record, sequence); OFF(reqlog_record, time_ns); OFF(reqlog_record, sector);
                OFF(reqlog_record, nr_sectors); OFF(reqlog_record, major); OFF(reqlog_record, minor);
                OFF(reqlog_record, kind); OFF(reqlog_record, flags); OFF(reqlog_record, error);
                OFF(reqlog_record, pid);
                OFF(reqlog_status, head); OFF(reqlog_status, lost); OFF(reqlog_status, enabled);
                OFF(reqlog_status, capacity); OFF(reqlog_status, queued); OFF(reqlog_status, reserved);
                printf("sizeof.record=%zu\\nsizeof.status=%zu\\n", sizeof(struct reqlog_record),
                       sizeof(struct reqlog_status));
                printf("ENABLE=%u\\nDISABLE=%u\\nSTATUS=%u\\nMAGIC=%u\\n", (unsigned)REQLOG_ENABLE,
                       (unsigned)REQLOG_DISABLE, (unsigned)REQLOG_STATUS, REQLOG_IOC_MAGIC);
                printf("ISSUE=%d\\nCOMPLETE=%d\\nREQUEUE=%d\\nLOST=%d\\nDISABLED=%d\\n", REQLOG_ISSUE,
                       REQLOG_COMPLETE, REQLOG_REQUEUE, REQLOG_LOST, REQLOG_DISABLED);
                printf("WRITE=%lu\\nDISCARD=%lu\\nWRITE_ZEROES=%lu\\nZONE_RESET=%lu\\n", REQLOG_WRITE,
                       REQLOG_DISCARD, REQLOG_WRITE_ZEROES, REQLOG_ZONE_RESET);
                printf("DEVICE_PATH=%s\\n", REQLOG_DEVICE_PATH);
                r.sequence = 7; r.time_ns = 8; r.sector = 107936; r.nr_sectors = 2; r.major = 3;
                r.minor = 1; r.kind = REQLOG_ISSUE; r.flags = REQLOG_WRITE; r.error = -5; r.pid = 42;
                printf("record=");
                for (i = 0; i < sizeof(r); i++)
                    printf("%02x", b[i]);
                printf("\\n");
                return 0;
            }
            """;

    private static Map<String, String> header;

    @BeforeAll
    static void compileHeader(@TempDir Path dir) throws IOException, InterruptedException {
        header = HeaderProbe.run(dir, PROBE);
    }

    private static int value(String key) {
        return Integer.parseUnsignedInt(header.get(key));
    }

    @Test
    void recordLayoutMatchesHeader() {
        assertEquals(value("reqlog_record.sequence"), ReqlogAbi.RECORD_SEQUENCE);
        assertEquals(value("reqlog_record.time_ns"), ReqlogAbi.RECORD_TIME_NS);
        assertEquals(value("reqlog_record.sector"), ReqlogAbi.RECORD_SECTOR);
        assertEquals(value("reqlog_record.nr_sectors"), ReqlogAbi.RECORD_NR_SECTORS);
        assertEquals(value("reqlog_record.major"), ReqlogAbi.RECORD_MAJOR);
        assertEquals(value("reqlog_record.minor"), ReqlogAbi.RECORD_MINOR);
        assertEquals(value("reqlog_record.kind"), ReqlogAbi.RECORD_KIND);
        assertEquals(value("reqlog_record.flags"), ReqlogAbi.RECORD_FLAGS);
        assertEquals(value("reqlog_record.error"), ReqlogAbi.RECORD_ERROR);
        assertEquals(value("reqlog_record.pid"), ReqlogAbi.RECORD_PID);
        assertEquals(value("sizeof.record"), ReqlogAbi.RECORD_SIZE);
    }

    @Test
    void statusLayoutMatchesHeader() {
        assertEquals(value("reqlog_status.head"), ReqlogAbi.STATUS_HEAD);
        assertEquals(value("reqlog_status.lost"), ReqlogAbi.STATUS_LOST);
        assertEquals(value("reqlog_status.enabled"), ReqlogAbi.STATUS_ENABLED);
        assertEquals(value("reqlog_status.capacity"), ReqlogAbi.STATUS_CAPACITY);
        assertEquals(value("reqlog_status.queued"), ReqlogAbi.STATUS_QUEUED);
        assertEquals(value("reqlog_status.reserved"), ReqlogAbi.STATUS_RESERVED);
        assertEquals(value("sizeof.status"), ReqlogAbi.STATUS_SIZE);
    }

    @Test
    void numbersMatchHeader() {
        assertEquals(value("MAGIC"), ReqlogAbi.IOC_MAGIC);
        assertEquals(value("ENABLE"), ReqlogAbi.ENABLE);
        assertEquals(value("DISABLE"), ReqlogAbi.DISABLE);
        assertEquals(value("STATUS"), ReqlogAbi.STATUS);
        assertEquals(value("ISSUE"), ReqlogAbi.ISSUE);
        assertEquals(value("COMPLETE"), ReqlogAbi.COMPLETE);
        assertEquals(value("REQUEUE"), ReqlogAbi.REQUEUE);
        assertEquals(value("LOST"), ReqlogAbi.LOST);
        assertEquals(value("DISABLED"), ReqlogAbi.DISABLED);
        assertEquals(value("WRITE"), ReqlogAbi.WRITE);
        assertEquals(value("DISCARD"), ReqlogAbi.DISCARD);
        assertEquals(value("WRITE_ZEROES"), ReqlogAbi.WRITE_ZEROES);
        assertEquals(value("ZONE_RESET"), ReqlogAbi.ZONE_RESET);
        assertEquals(header.get("DEVICE_PATH"), ReqlogAbi.DEVICE_PATH);
    }

    @Test
    void aRecordTheHeaderLaysOutDecodesToItsFields() {
        ByteBuffer bytes = ByteBuffer.wrap(HexFormat.of().parseHex(header.get("record"))).order(ByteOrder.nativeOrder());
        RequestRecord record = RequestRecord.decode(bytes, 0);
        assertEquals(new RequestRecord(7, 8, 107936, 2, 3, 1, ReqlogAbi.ISSUE, ReqlogAbi.WRITE, -5, 42), record);
        assertEquals("device 3/1 sector 107936 write 2", record.line());
    }
}
