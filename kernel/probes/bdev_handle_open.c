// SPDX-License-Identifier: GPL-2.0
/* Linux 6.7 and 6.8: block devices are opened as a struct bdev_handle. */
#include <linux/blkdev.h>

struct bdev_handle *jbt_probe(dev_t dev);
struct bdev_handle *jbt_probe(dev_t dev)
{
	return bdev_open_by_dev(dev, BLK_OPEN_READ, NULL, NULL);
}
