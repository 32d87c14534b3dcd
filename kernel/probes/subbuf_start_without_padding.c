// SPDX-License-Identifier: GPL-2.0
/* After 6.12 (in 7.x): relay's subbuf_start lost its prev_padding argument. */
#include <linux/relay.h>

static int jbt_subbuf_start(struct rchan_buf *buf, void *subbuf,
			    void *prev_subbuf)
{
	return 1;
}

const struct rchan_callbacks jbt_probe = {
	.subbuf_start = jbt_subbuf_start,
};
