// SPDX-License-Identifier: GPL-2.0
/* After 6.12 (in 7.x): tracepoints of zone append completion and write plugs. */
#include <trace/events/block.h>

static void jbt_probe_rq(void *data, struct request *rq)
{
}

static void jbt_probe_wplug(void *data, struct request_queue *q,
			    unsigned int zno, sector_t sector,
			    unsigned int nr_sectors)
{
}

void jbt_probe(void);
void jbt_probe(void)
{
	check_trace_callback_type_blk_zone_append_update_request_bio(jbt_probe_rq);
	check_trace_callback_type_disk_zone_wplug_add_bio(jbt_probe_wplug);
	check_trace_callback_type_blk_zone_wplug_bio(jbt_probe_wplug);
}
