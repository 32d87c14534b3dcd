/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel API difference between Linux 6.1 and later kernels that
 * jblktrace depends on lives here. Kbuild compiles probes/NAME.c against
 * the headers and defines JBT_HAVE_NAME when it builds (jbt_probed.h), so
 * each choice below follows what the headers offer, not a version number;
 * a macro is tested for directly. Built and tested on Debian's 6.1, 6.12
 * and 7.x kernels.
 */
#ifndef JBLKTRACE_COMPAT_H
#define JBLKTRACE_COMPAT_H

#include <linux/blkdev.h>
#include <linux/fs.h>
#include <linux/relay.h>
#include <linux/slab.h>
#include <uapi/linux/blktrace_api.h>

#include "jbt_probed.h"

/*
 * Open a block device by number just long enough for @inspect to look at
 * it. 6.5 replaced fmode_t with blk_mode_t and holder-based blkdev_put(),
 * 6.7 introduced bdev handles and 6.9 replaced them with struct file.
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

/* 7.x allocates by type (kzalloc_obj), a macro. */
#ifndef kzalloc_obj
#define kzalloc_obj(obj) kzalloc(sizeof(obj), GFP_KERNEL)
#endif

/*
 * relay's subbuf_start callback lost its prev_padding argument; both forms
 * hand over to jbt_subbuf_switch(), which decides whether a sub-buffer may
 * be started.
 */
static int jbt_subbuf_switch(struct rchan_buf *buf);

#ifdef JBT_HAVE_SUBBUF_START_WITHOUT_PADDING
static inline int jbt_subbuf_start(struct rchan_buf *buf, void *subbuf,
				   void *prev_subbuf)
{
	return jbt_subbuf_switch(buf);
}
#else
static inline int jbt_subbuf_start(struct rchan_buf *buf, void *subbuf,
				   void *prev_subbuf, size_t prev_padding)
{
	return jbt_subbuf_switch(buf);
}
#endif

/*
 * Version 8 records (struct blk_io_trace2: 64-bit action, 64-byte header)
 * and the categories only they carry. Older uapi headers lack them; the
 * layout is the kernel's ABI, so the module can write it on any kernel.
 */
#ifndef JBT_HAVE_BLK_IO_TRACE2
#define BLK_IO_TRACE2_VERSION	0x08
#define BLK_TC_ZONE_APPEND	BIT_ULL(16)
#define BLK_TC_ZONE_RESET	BIT_ULL(17)
#define BLK_TC_ZONE_RESET_ALL	BIT_ULL(18)
#define BLK_TC_ZONE_FINISH	BIT_ULL(19)
#define BLK_TC_ZONE_OPEN	BIT_ULL(20)
#define BLK_TC_ZONE_CLOSE	BIT_ULL(21)
#define BLK_TC_WRITE_ZEROES	BIT_ULL(22)
#define __BLK_TA_ZONE_PLUG	(__BLK_TA_DRV_DATA + 1)
#define __BLK_TA_ZONE_UNPLUG	(__BLK_TA_DRV_DATA + 2)
#define BLK_TA_ZONE_APPEND	(__BLK_TA_COMPLETE | \
				 BLK_TC_ACT(BLK_TC_ZONE_APPEND))
#define BLK_TA_ZONE_PLUG	(__BLK_TA_ZONE_PLUG | BLK_TC_ACT(BLK_TC_QUEUE))
#define BLK_TA_ZONE_UNPLUG	(__BLK_TA_ZONE_UNPLUG | BLK_TC_ACT(BLK_TC_QUEUE))

struct blk_io_trace2 {
	__u32 magic;
	__u32 sequence;
	__u64 time;
	__u64 sector;
	__u32 bytes;
	__u32 pid;
	__u64 action;
	__u32 device;
	__u32 cpu;
	__u16 error;
	__u16 pdu_len;
	__u8 pad[12];
};
#endif

#endif /* JBLKTRACE_COMPAT_H */
