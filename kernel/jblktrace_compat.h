/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel API difference between Linux 6.1 and later kernels that
 * jblktrace depends on lives here. Only the 6.1 branch is build-tested
 * (Debian 12); the others follow the upstream API changes.
 */
#ifndef JBLKTRACE_COMPAT_H
#define JBLKTRACE_COMPAT_H

#include <linux/blkdev.h>
#include <linux/fs.h>

/*
 * Open a block device by number just long enough for @inspect to look at
 * it. 6.5 replaced fmode_t with blk_mode_t and holder-based blkdev_put(),
 * 6.7 introduced bdev handles and 6.9 replaced them with struct file.
 * Kbuild detects which API the headers offer (JBT_HAVE_* flags).
 */
static inline int jbt_inspect_bdev(dev_t dev,
				   void (*inspect)(struct block_device *bdev,
						   void *ctx),
				   void *ctx)
{
#if defined(JBT_HAVE_BDEV_FILE_OPEN)
	struct file *bdev_file = bdev_file_open_by_dev(dev, BLK_OPEN_READ,
						       NULL, NULL);

	if (IS_ERR(bdev_file))
		return PTR_ERR(bdev_file);
	inspect(file_bdev(bdev_file), ctx);
	fput(bdev_file);
#elif defined(JBT_HAVE_BDEV_HANDLE_OPEN)
	struct bdev_handle *handle = bdev_open_by_dev(dev, BLK_OPEN_READ,
						      NULL, NULL);

	if (IS_ERR(handle))
		return PTR_ERR(handle);
	inspect(handle->bdev, ctx);
	bdev_release(handle);
#elif defined(JBT_HAVE_BLK_OPEN_MODE)
	struct block_device *bdev = blkdev_get_by_dev(dev, BLK_OPEN_READ,
						      NULL, NULL);

	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	inspect(bdev, ctx);
	blkdev_put(bdev, NULL);
#else
	struct block_device *bdev = blkdev_get_by_dev(dev, FMODE_READ, NULL);

	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	inspect(bdev, ctx);
	blkdev_put(bdev, FMODE_READ);
#endif
	return 0;
}

#endif /* JBLKTRACE_COMPAT_H */
