// SPDX-License-Identifier: GPL-2.0
/* Linux 6.5 and 6.6: blk_mode_t and a holder for blkdev_get_by_dev(). */
#include <linux/blkdev.h>

struct block_device *jbt_probe(dev_t dev);
struct block_device *jbt_probe(dev_t dev)
{
	return blkdev_get_by_dev(dev, BLK_OPEN_READ, NULL, NULL);
}
