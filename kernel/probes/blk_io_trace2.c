// SPDX-License-Identifier: GPL-2.0
/* Linux 6.19+: the uapi header has version 8 records and zone categories. */
#include <linux/types.h>
#include <uapi/linux/blktrace_api.h>

u64 jbt_probe(struct blk_io_trace2 *t);
u64 jbt_probe(struct blk_io_trace2 *t)
{
	return t->action | BLK_TC_ACT(BLK_TC_ZONE_APPEND) | BLK_TA_ZONE_PLUG |
	       BLK_IO_TRACE2_VERSION;
}
