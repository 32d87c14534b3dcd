// SPDX-License-Identifier: GPL-2.0
/* Linux 6.9+: block devices are opened as a struct file. */
#include <linux/blkdev.h>
#include <linux/fs.h>

struct file *jbt_probe(dev_t dev);
struct file *jbt_probe(dev_t dev)
{
	return bdev_file_open_by_dev(dev, BLK_OPEN_READ, NULL, NULL);
}
