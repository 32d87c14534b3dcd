// SPDX-License-Identifier: GPL-2.0
/* 6.1 to 6.12 at least: block_bio_bounce, gone from 7.x with bounce buffers. */
#include <trace/events/block.h>

static void jbt_probe_bounce(void *data, struct bio *bio)
{
}

void jbt_probe(void);
void jbt_probe(void)
{
	check_trace_callback_type_block_bio_bounce(jbt_probe_bounce);
}
