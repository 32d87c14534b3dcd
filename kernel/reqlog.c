// SPDX-License-Identifier: GPL-2.0
/*
 * The request log behind /dev/reqlog: issues, completions and requeues of
 * disk requests in one ring buffer, read once by user space. Its ABI is
 * documented in reqlog.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include "reqlog.h"
#include "tracepoints.h"

/* Records handed to user space per copy; bounds the bounce buffer. */
#define RQL_READ_BATCH		256

static unsigned int reqlog_records = 65536;
module_param(reqlog_records, uint, 0444);
MODULE_PARM_DESC(reqlog_records,
		 "records the /dev/reqlog ring holds (at least 2, default 65536)");

struct rql_ring {
	spinlock_t lock;		/* everything below */
	struct reqlog_record *slots;
	u32 capacity;
	u32 first;			/* oldest unread slot */
	u32 count;			/* unread records */
	u64 sequence;			/* last number given out */
	u64 lost_pending;		/* dropped, not yet reported */
	u64 lost_last;			/* sequence of the last one dropped */
	u64 lost_total;
};

static struct rql_ring rql_ring = {
	.lock = __SPIN_LOCK_UNLOCKED(rql_ring.lock),
};

static DECLARE_WAIT_QUEUE_HEAD(rql_readers);
static bool rql_enabled;

static struct reqlog_record *rql_slot(u32 offset)
{
	return &rql_ring.slots[(rql_ring.first + offset) % rql_ring.capacity];
}

/* Caller holds the lock and has made sure a slot is free. */
static struct reqlog_record *rql_push(void)
{
	return rql_slot(rql_ring.count++);
}

static void rql_fill_lost(struct reqlog_record *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->sequence = rql_ring.lost_last;
	rec->time_ns = ktime_get_ns();
	rec->sector = rql_ring.lost_pending;
	rec->kind = REQLOG_LOST;
	rql_ring.lost_pending = 0;
}

static void rql_append(u16 kind, u16 flags, dev_t dev, u64 sector,
		       u32 nr_sectors, int error)
{
	struct reqlog_record *rec;
	unsigned long irqflags;
	u32 room;

	spin_lock_irqsave(&rql_ring.lock, irqflags);
	rql_ring.sequence++;
	room = rql_ring.capacity - rql_ring.count;
	/* A pending loss is reported before any later record. */
	if (room < (rql_ring.lost_pending ? 2 : 1)) {
		rql_ring.lost_pending++;
		rql_ring.lost_last = rql_ring.sequence;
		rql_ring.lost_total++;
		spin_unlock_irqrestore(&rql_ring.lock, irqflags);
		return;
	}
	if (rql_ring.lost_pending)
		rql_fill_lost(rql_push());
	rec = rql_push();
	rec->sequence = rql_ring.sequence;
	/* Taken under the lock, so that the ring is in time order. */
	rec->time_ns = ktime_get_ns();
	rec->sector = sector;
	rec->nr_sectors = nr_sectors;
	rec->major = MAJOR(dev);
	rec->minor = MINOR(dev);
	rec->kind = kind;
	rec->flags = flags;
	rec->error = error;
	rec->pid = current->pid;
	spin_unlock_irqrestore(&rql_ring.lock, irqflags);
	if (wq_has_sleeper(&rql_readers))
		wake_up_interruptible(&rql_readers);
}

/* The flags of a request that reads or writes the medium; false otherwise. */
static bool rql_classify(struct request *rq, u16 *flags)
{
	if (blk_rq_is_passthrough(rq))
		return false;
	switch (req_op(rq)) {
	case REQ_OP_READ:
		*flags = 0;
		return true;
	case REQ_OP_WRITE:
	case REQ_OP_ZONE_APPEND:
		*flags = REQLOG_WRITE;
		return true;
	case REQ_OP_DISCARD:
	case REQ_OP_SECURE_ERASE:
		*flags = REQLOG_WRITE | REQLOG_DISCARD;
		return true;
	case REQ_OP_WRITE_ZEROES:
		*flags = REQLOG_WRITE | REQLOG_WRITE_ZEROES;
		return true;
	case REQ_OP_ZONE_RESET:
	case REQ_OP_ZONE_RESET_ALL:
		*flags = REQLOG_WRITE | REQLOG_ZONE_RESET;
		return true;
	default:
		return false;
	}
}

/*
 * Log @rq from its current position: @sectors long, or, for the zone
 * operations that carry no data, the zone (all zones for a reset-all).
 * A discard of several ranges is logged one range at a time when it is
 * logged whole.
 */
static void rql_log_request(struct request *rq, u16 kind, u32 sectors,
			    int error)
{
	struct gendisk *disk = rq->q->disk;
	u64 sector = blk_rq_pos(rq);
	struct bio *bio;
	u16 flags;

	if (!READ_ONCE(rql_enabled) || !disk || !rql_classify(rq, &flags))
		return;
	if (req_op(rq) == REQ_OP_ZONE_RESET_ALL) {
		sector = 0;
		sectors = min_t(u64, get_capacity(disk), U32_MAX);
	} else if (flags & REQLOG_ZONE_RESET ||
		   req_op(rq) == REQ_OP_ZONE_APPEND) {
		sectors = max(sectors, rq->q->limits.chunk_sectors);
	} else if (flags & REQLOG_DISCARD && rq->bio && rq->bio->bi_next &&
		   sectors == blk_rq_sectors(rq)) {
		__rq_for_each_bio(bio, rq)
			rql_append(kind, flags, disk_devt(disk),
				   bio->bi_iter.bi_sector,
				   bio_sectors(bio), error);
		return;
	}
	rql_append(kind, flags, disk_devt(disk), sector, sectors, error);
}

static void rql_probe_issue(void *data, struct request *rq)
{
	rql_log_request(rq, REQLOG_ISSUE, blk_rq_sectors(rq), 0);
}

static void rql_probe_requeue(void *data, struct request *rq)
{
	rql_log_request(rq, REQLOG_REQUEUE, blk_rq_sectors(rq), 0);
}

static void rql_probe_complete(void *data, struct request *rq,
			       blk_status_t error, unsigned int nr_bytes)
{
	rql_log_request(rq, REQLOG_COMPLETE, nr_bytes >> SECTOR_SHIFT,
			blk_status_to_errno(error));
}

static struct jbt_tracepoint_probe rql_probes[] = {
	{ "block_rq_issue", rql_probe_issue },
	{ "block_rq_requeue", rql_probe_requeue },
	{ "block_rq_complete", rql_probe_complete },
};

/* Moves up to @max records (or a pending loss) into @out; returns how many. */
static u32 rql_take(struct reqlog_record *out, u32 max)
{
	unsigned long irqflags;
	u32 n = 0;

	spin_lock_irqsave(&rql_ring.lock, irqflags);
	while (n < max && rql_ring.count) {
		out[n++] = *rql_slot(0);
		rql_ring.first = (rql_ring.first + 1) % rql_ring.capacity;
		rql_ring.count--;
	}
	/* Drained: a loss still pending is reported now, not at the next record. */
	if (n < max && !rql_ring.count && rql_ring.lost_pending)
		rql_fill_lost(&out[n++]);
	spin_unlock_irqrestore(&rql_ring.lock, irqflags);
	return n;
}

static bool rql_readable(void)
{
	return READ_ONCE(rql_ring.count) || READ_ONCE(rql_ring.lost_pending);
}

/* Records that could not reach the reader are lost, and said so. */
static void rql_count_lost(u32 n, u64 last_sequence)
{
	unsigned long irqflags;

	spin_lock_irqsave(&rql_ring.lock, irqflags);
	rql_ring.lost_pending += n;
	rql_ring.lost_total += n;
	rql_ring.lost_last = max(rql_ring.lost_last, last_sequence);
	spin_unlock_irqrestore(&rql_ring.lock, irqflags);
}

static ssize_t rql_read(struct file *filp, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	u32 max = min_t(size_t, count / sizeof(struct reqlog_record),
			RQL_READ_BATCH);
	struct reqlog_record *batch;
	ssize_t ret;
	u32 n;

	if (!max)
		return -EINVAL;
	batch = kmalloc_array(max, sizeof(*batch), GFP_KERNEL);
	if (!batch)
		return -ENOMEM;
	for (;;) {
		n = rql_take(batch, max);
		if (n)
			break;
		if (filp->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			goto out;
		}
		ret = wait_event_interruptible(rql_readers, rql_readable());
		if (ret)
			goto out;
	}
	ret = n * sizeof(*batch);
	if (copy_to_user(ubuf, batch, ret)) {
		rql_count_lost(n, batch[n - 1].sequence);
		ret = -EFAULT;
	}
out:
	kfree(batch);
	return ret;
}

static __poll_t rql_poll(struct file *filp, poll_table *wait)
{
	poll_wait(filp, &rql_readers, wait);
	return rql_readable() ? EPOLLIN | EPOLLRDNORM : 0;
}

static void rql_get_status(struct reqlog_status *status)
{
	unsigned long irqflags;

	memset(status, 0, sizeof(*status));
	spin_lock_irqsave(&rql_ring.lock, irqflags);
	status->head = rql_ring.sequence;
	status->lost = rql_ring.lost_total;
	status->capacity = rql_ring.capacity;
	status->queued = rql_ring.count;
	spin_unlock_irqrestore(&rql_ring.lock, irqflags);
	status->enabled = READ_ONCE(rql_enabled);
}

static void rql_set_enabled(bool enable)
{
	static DEFINE_MUTEX(rql_switch);

	mutex_lock(&rql_switch);
	if (!enable && READ_ONCE(rql_enabled)) {
		WRITE_ONCE(rql_enabled, false);
		rql_append(REQLOG_DISABLED, 0, 0, 0, 0, 0);
	}
	WRITE_ONCE(rql_enabled, enable);
	mutex_unlock(&rql_switch);
}

static long rql_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct reqlog_status status;

	switch (cmd) {
	case REQLOG_ENABLE:
	case REQLOG_DISABLE:
		if (!(filp->f_mode & FMODE_WRITE))
			return -EBADF;
		rql_set_enabled(cmd == REQLOG_ENABLE);
		return 0;
	case REQLOG_STATUS:
		rql_get_status(&status);
		if (copy_to_user((void __user *)arg, &status, sizeof(status)))
			return -EFAULT;
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations rql_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.read = rql_read,
	.poll = rql_poll,
	.unlocked_ioctl = rql_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice rql_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "reqlog",
	.fops = &rql_fops,
	.mode = 0600,
};

int reqlog_init(void)
{
	int ret;

	if (reqlog_records < 2) {
		pr_err("reqlog_records must be at least 2, not %u\n",
		       reqlog_records);
		return -EINVAL;
	}
	rql_ring.slots = vmalloc_array(reqlog_records,
				       sizeof(*rql_ring.slots));
	if (!rql_ring.slots)
		return -ENOMEM;
	rql_ring.capacity = reqlog_records;
	ret = jbt_attach_probes(rql_probes, ARRAY_SIZE(rql_probes));
	if (ret)
		goto fail_probes;
	ret = misc_register(&rql_misc);
	if (ret)
		goto fail_misc;
	return 0;
fail_misc:
	jbt_detach_probes(rql_probes, ARRAY_SIZE(rql_probes));
fail_probes:
	vfree(rql_ring.slots);
	rql_ring.slots = NULL;
	return ret;
}

void reqlog_exit(void)
{
	/* No reader is left (it would pin the module); no probe runs after. */
	misc_deregister(&rql_misc);
	jbt_detach_probes(rql_probes, ARRAY_SIZE(rql_probes));
	vfree(rql_ring.slots);
	rql_ring.slots = NULL;
}
