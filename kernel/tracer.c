// SPDX-License-Identifier: GPL-2.0
/*
 * jblktrace: blktrace-compatible block I/O tracing for kernels built
 * without CONFIG_BLK_DEV_IO_TRACE, usable beside the built-in blktrace.
 *
 * Probes attach to the block tracepoints by name and write blk_io_trace
 * records, version 7 or 8 as each trace asks, into per-CPU relay channels
 * under debugfs/jblktrace/<device>/. /dev/jblktrace controls the traces;
 * its ABI is documented in jblktrace.h. The module also keeps the request
 * log of /dev/reqlog (reqlog.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/relay.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <trace/events/block.h>
#include <uapi/linux/blktrace_api.h>

#include "jblktrace.h"
#include "jblktrace_compat.h"
#include "reqlog.h"
#include "tracepoints.h"

/* Longest message accepted by the msg file, as the built-in blktrace. */
#define JBT_MAX_MSG		128
/* Size of the per-trace table of tasks already named since START. */
#define JBT_TASK_SLOTS_BITS	10

enum jbt_state {
	JBT_SETUP,
	JBT_RUNNING,
	JBT_STOPPED,
};

struct jbt_trace {
	struct hlist_node node;		/* in jbt_traces, keyed by disk */
	dev_t disk;			/* whole disk whose events are seen */
	dev_t dev;			/* device written into records */
	int state;			/* enum jbt_state; read locklessly */
	u8 version;			/* of the records: 7 or 8 */
	u16 act_mask;
	u32 pid;
	u64 start_lba;
	u64 end_lba;
	struct rchan *chan;
	u32 __percpu *sequence;
	atomic_t dropped;
	atomic_t version_dropped;	/* events version 7 cannot carry */
	bool flushing;			/* STOP is switching sub-buffers */
	u32 *named_tasks;		/* pid + 1 per slot, 0 = empty */
	struct dentry *dir;
	struct dentry *msg_file;
	char name[JBLKTRACE_NAME_LEN];
};

/* Serialises control operations; probes only use RCU. */
static DEFINE_MUTEX(jbt_mutex);
static DEFINE_HASHTABLE(jbt_traces, 4);
static struct dentry *jbt_root;

static struct jbt_trace *jbt_find_running(dev_t disk)
{
	struct jbt_trace *t;

	hash_for_each_possible_rcu(jbt_traces, t, node, disk)
		if (t->disk == disk)
			return READ_ONCE(t->state) == JBT_RUNNING ? t : NULL;
	return NULL;
}

static void jbt_write_v7(struct jbt_trace *t, u32 sequence, u64 action,
			 u32 pid, u64 sector, u32 bytes, int error,
			 const void *pdu, u16 pdu_len)
{
	struct blk_io_trace *rec = relay_reserve(t->chan, sizeof(*rec) + pdu_len);

	if (!rec)
		return;
	rec->magic = BLK_IO_TRACE_MAGIC | BLK_IO_TRACE_VERSION;
	rec->sequence = sequence;
	rec->time = ktime_get_ns();
	rec->sector = sector;
	rec->bytes = bytes;
	rec->action = lower_32_bits(action);
	rec->pid = pid;
	rec->device = t->dev;
	rec->cpu = smp_processor_id();
	rec->error = error;
	rec->pdu_len = pdu_len;
	if (pdu_len)
		memcpy(rec + 1, pdu, pdu_len);
}

static void jbt_write_v8(struct jbt_trace *t, u32 sequence, u64 action,
			 u32 pid, u64 sector, u32 bytes, int error,
			 const void *pdu, u16 pdu_len)
{
	struct blk_io_trace2 *rec = relay_reserve(t->chan,
						  sizeof(*rec) + pdu_len);

	if (!rec)
		return;
	rec->magic = BLK_IO_TRACE_MAGIC | BLK_IO_TRACE2_VERSION;
	rec->sequence = sequence;
	rec->time = ktime_get_ns();
	rec->sector = sector;
	rec->bytes = bytes;
	rec->pid = pid;
	rec->action = action;
	rec->device = t->dev;
	rec->cpu = smp_processor_id();
	rec->error = error;
	rec->pdu_len = pdu_len;
	memset(rec->pad, 0, sizeof(rec->pad));
	if (pdu_len)
		memcpy(rec + 1, pdu, pdu_len);
}

static void jbt_write(struct jbt_trace *t, u64 action, u32 pid, u64 sector,
		      u32 bytes, int error, const void *pdu, u16 pdu_len,
		      bool numbered)
{
	unsigned long flags;
	u32 sequence = 0;

	/* Interrupts off so that an irq-time event cannot interleave. */
	local_irq_save(flags);
	if (numbered)
		sequence = ++*this_cpu_ptr(t->sequence);
	if (t->version == BLK_IO_TRACE2_VERSION)
		jbt_write_v8(t, sequence, action, pid, sector, bytes, error,
			     pdu, pdu_len);
	else
		jbt_write_v7(t, sequence, action, pid, sector, bytes, error,
			     pdu, pdu_len);
	local_irq_restore(flags);
}

/* Name a task once per START; a slot collision only repeats the note. */
static void jbt_name_task(struct jbt_trace *t, struct task_struct *tsk)
{
	u32 *slot = &t->named_tasks[hash_32(tsk->pid, JBT_TASK_SLOTS_BITS)];

	if (READ_ONCE(*slot) == tsk->pid + 1)
		return;
	WRITE_ONCE(*slot, tsk->pid + 1);
	jbt_write(t, BLK_TN_PROCESS, tsk->pid, 0, 0, 0, tsk->comm,
		  sizeof(tsk->comm), false);
}

static u64 jbt_categories(blk_opf_t opf)
{
	enum req_op op = opf & REQ_OP_MASK;
	u64 what = op_is_write(op) ? BLK_TC_ACT(BLK_TC_WRITE) :
				     BLK_TC_ACT(BLK_TC_READ);

	if (opf & REQ_SYNC)
		what |= BLK_TC_ACT(BLK_TC_SYNC);
	if (opf & REQ_RAHEAD)
		what |= BLK_TC_ACT(BLK_TC_AHEAD);
	if (opf & REQ_META)
		what |= BLK_TC_ACT(BLK_TC_META);
	if (opf & REQ_PREFLUSH)
		what |= BLK_TC_ACT(BLK_TC_FLUSH);
	if (opf & REQ_FUA)
		what |= BLK_TC_ACT(BLK_TC_FUA);
	if (op == REQ_OP_DISCARD || op == REQ_OP_SECURE_ERASE)
		what |= BLK_TC_ACT(BLK_TC_DISCARD);
	switch (op) {
	case REQ_OP_FLUSH:
		what |= BLK_TC_ACT(BLK_TC_FLUSH);
		break;
	case REQ_OP_ZONE_APPEND:
		what |= BLK_TC_ACT(BLK_TC_ZONE_APPEND);
		break;
	case REQ_OP_ZONE_RESET:
		what |= BLK_TC_ACT(BLK_TC_ZONE_RESET);
		break;
	case REQ_OP_ZONE_RESET_ALL:
		what |= BLK_TC_ACT(BLK_TC_ZONE_RESET_ALL);
		break;
	case REQ_OP_ZONE_FINISH:
		what |= BLK_TC_ACT(BLK_TC_ZONE_FINISH);
		break;
	case REQ_OP_ZONE_OPEN:
		what |= BLK_TC_ACT(BLK_TC_ZONE_OPEN);
		break;
	case REQ_OP_ZONE_CLOSE:
		what |= BLK_TC_ACT(BLK_TC_ZONE_CLOSE);
		break;
	case REQ_OP_WRITE_ZEROES:
		what |= BLK_TC_ACT(BLK_TC_WRITE_ZEROES);
		break;
	default:
		break;
	}
	return what;
}

/*
 * Version 7 has 16 category bits, too few for the zone operations and
 * write-zeroes, and blkparse before version 8 knows no zone plug actions.
 * Like the built-in blktrace, a version 7 trace leaves these out. (The
 * built-in of 6.19+ compares the category word with BLK_TC_END_V1, the FUA
 * bit, and so also leaves out every FUA event; the module keeps them.)
 */
static bool jbt_fits_v7(u64 what)
{
	return !(what >> (BLK_TC_SHIFT + 16)) &&
	       (what & 0xffff) < __BLK_TA_ZONE_PLUG;
}

/* Runs in probe context: must not sleep. */
static void jbt_event(dev_t disk, u64 sector, u32 bytes, blk_opf_t opf,
		      u64 what, int error, const void *pdu, u16 pdu_len)
{
	struct task_struct *tsk = current;
	struct jbt_trace *t;

	rcu_read_lock();
	t = jbt_find_running(disk);
	if (!t)
		goto out;
	what |= jbt_categories(opf);
	if (!(((u64)t->act_mask << BLK_TC_SHIFT) & what))
		goto out;
	if (sector && (sector < t->start_lba || sector > t->end_lba))
		goto out;
	if (t->pid && tsk->pid != t->pid)
		goto out;
	if (t->version != BLK_IO_TRACE2_VERSION && !jbt_fits_v7(what)) {
		atomic_inc(&t->version_dropped);
		goto out;
	}
	jbt_name_task(t, tsk);
	jbt_write(t, what, tsk->pid, sector, bytes, error, pdu, pdu_len, true);
out:
	rcu_read_unlock();
}

static void jbt_bio_event(struct bio *bio, u64 what, int error,
			  const void *pdu, u16 pdu_len)
{
	jbt_event(disk_devt(bio->bi_bdev->bd_disk), bio->bi_iter.bi_sector,
		  bio->bi_iter.bi_size, bio->bi_opf, what, error, pdu, pdu_len);
}

static void jbt_rq_event(struct request *rq, int error, unsigned int bytes,
			 u64 what)
{
	struct gendisk *disk = rq->q->disk;
	u64 sector = 0;

	if (!disk)
		return;
	if (blk_rq_is_passthrough(rq)) {
		what |= BLK_TC_ACT(BLK_TC_PC);
	} else {
		what |= BLK_TC_ACT(BLK_TC_FS);
		if (blk_rq_pos(rq) != (sector_t)-1)
			sector = blk_rq_pos(rq);
	}
	jbt_event(disk_devt(disk), sector, bytes, rq->cmd_flags, what, error,
		  NULL, 0);
}

static void jbt_probe_rq_insert(void *data, struct request *rq)
{
	jbt_rq_event(rq, 0, blk_rq_bytes(rq), BLK_TA_INSERT);
}

static void jbt_probe_rq_issue(void *data, struct request *rq)
{
	jbt_rq_event(rq, 0, blk_rq_bytes(rq), BLK_TA_ISSUE);
}

static void jbt_probe_rq_merge(void *data, struct request *rq)
{
	jbt_rq_event(rq, 0, blk_rq_bytes(rq), BLK_TA_BACKMERGE);
}

static void jbt_probe_rq_requeue(void *data, struct request *rq)
{
	jbt_rq_event(rq, 0, blk_rq_bytes(rq), BLK_TA_REQUEUE);
}

static void jbt_probe_rq_complete(void *data, struct request *rq,
				  blk_status_t error, unsigned int nr_bytes)
{
	jbt_rq_event(rq, blk_status_to_errno(error), nr_bytes,
		     BLK_TA_COMPLETE);
}

#ifdef JBT_HAVE_BIO_BOUNCE_TRACEPOINT
static void jbt_probe_bio_bounce(void *data, struct bio *bio)
{
	jbt_bio_event(bio, BLK_TA_BOUNCE, 0, NULL, 0);
}
#endif

static void jbt_probe_bio_complete(void *data, struct request_queue *q,
				   struct bio *bio)
{
	jbt_bio_event(bio, BLK_TA_COMPLETE, blk_status_to_errno(bio->bi_status),
		      NULL, 0);
}

static void jbt_probe_bio_backmerge(void *data, struct bio *bio)
{
	jbt_bio_event(bio, BLK_TA_BACKMERGE, 0, NULL, 0);
}

static void jbt_probe_bio_frontmerge(void *data, struct bio *bio)
{
	jbt_bio_event(bio, BLK_TA_FRONTMERGE, 0, NULL, 0);
}

static void jbt_probe_bio_queue(void *data, struct bio *bio)
{
	jbt_bio_event(bio, BLK_TA_QUEUE, 0, NULL, 0);
}

static void jbt_probe_getrq(void *data, struct bio *bio)
{
	jbt_bio_event(bio, BLK_TA_GETRQ, 0, NULL, 0);
}

static void jbt_probe_plug(void *data, struct request_queue *q)
{
	if (q->disk)
		jbt_event(disk_devt(q->disk), 0, 0, 0, BLK_TA_PLUG, 0, NULL, 0);
}

static void jbt_probe_unplug(void *data, struct request_queue *q,
			     unsigned int depth, bool explicit)
{
	__be64 depth_pdu = cpu_to_be64(depth);

	if (q->disk)
		jbt_event(disk_devt(q->disk), 0, 0, 0,
			  explicit ? BLK_TA_UNPLUG_IO : BLK_TA_UNPLUG_TIMER, 0,
			  &depth_pdu, sizeof(depth_pdu));
}

static void jbt_probe_split(void *data, struct bio *bio,
			    unsigned int new_sector)
{
	__be64 split_pdu = cpu_to_be64(new_sector);

	jbt_bio_event(bio, BLK_TA_SPLIT, blk_status_to_errno(bio->bi_status),
		      &split_pdu, sizeof(split_pdu));
}

static void jbt_probe_bio_remap(void *data, struct bio *bio, dev_t dev,
				sector_t from)
{
	struct blk_io_trace_remap remap = {
		.device_from = cpu_to_be32(dev),
		.device_to = cpu_to_be32(bio_dev(bio)),
		.sector_from = cpu_to_be64(from),
	};

	jbt_bio_event(bio, BLK_TA_REMAP, blk_status_to_errno(bio->bi_status),
		      &remap, sizeof(remap));
}

static void jbt_probe_rq_remap(void *data, struct request *rq, dev_t dev,
			       sector_t from)
{
	struct gendisk *disk = rq->q->disk;
	struct blk_io_trace_remap remap;

	if (!disk)
		return;
	remap.device_from = cpu_to_be32(dev);
	remap.device_to = cpu_to_be32(disk_devt(disk));
	remap.sector_from = cpu_to_be64(from);
	jbt_event(disk_devt(disk), blk_rq_pos(rq), blk_rq_bytes(rq),
		  rq->cmd_flags, BLK_TA_REMAP, 0, &remap, sizeof(remap));
}

#ifdef JBT_HAVE_ZONE_TRACEPOINTS
static void jbt_probe_zone_append(void *data, struct request *rq)
{
	jbt_rq_event(rq, 0, blk_rq_bytes(rq), BLK_TA_ZONE_APPEND);
}

static void jbt_zone_plug_event(struct request_queue *q, sector_t sector,
				unsigned int nr_sectors, u64 what)
{
	if (q->disk)
		jbt_event(disk_devt(q->disk), sector, nr_sectors << SECTOR_SHIFT,
			  0, what, 0, NULL, 0);
}

static void jbt_probe_zone_plug(void *data, struct request_queue *q,
				unsigned int zno, sector_t sector,
				unsigned int nr_sectors)
{
	jbt_zone_plug_event(q, sector, nr_sectors, BLK_TA_ZONE_PLUG);
}

static void jbt_probe_zone_unplug(void *data, struct request_queue *q,
				  unsigned int zno, sector_t sector,
				  unsigned int nr_sectors)
{
	jbt_zone_plug_event(q, sector, nr_sectors, BLK_TA_ZONE_UNPLUG);
}
#endif

/* Type-checks each probe against its tracepoint; costs no code. */
static void __init jbt_check_probe_types(void)
{
	check_trace_callback_type_block_rq_insert(jbt_probe_rq_insert);
	check_trace_callback_type_block_rq_issue(jbt_probe_rq_issue);
	check_trace_callback_type_block_rq_merge(jbt_probe_rq_merge);
	check_trace_callback_type_block_rq_requeue(jbt_probe_rq_requeue);
	check_trace_callback_type_block_rq_complete(jbt_probe_rq_complete);
#ifdef JBT_HAVE_BIO_BOUNCE_TRACEPOINT
	check_trace_callback_type_block_bio_bounce(jbt_probe_bio_bounce);
#endif
	check_trace_callback_type_block_bio_complete(jbt_probe_bio_complete);
	check_trace_callback_type_block_bio_backmerge(jbt_probe_bio_backmerge);
	check_trace_callback_type_block_bio_frontmerge(jbt_probe_bio_frontmerge);
	check_trace_callback_type_block_bio_queue(jbt_probe_bio_queue);
	check_trace_callback_type_block_getrq(jbt_probe_getrq);
	check_trace_callback_type_block_plug(jbt_probe_plug);
	check_trace_callback_type_block_unplug(jbt_probe_unplug);
	check_trace_callback_type_block_split(jbt_probe_split);
	check_trace_callback_type_block_bio_remap(jbt_probe_bio_remap);
	check_trace_callback_type_block_rq_remap(jbt_probe_rq_remap);
#ifdef JBT_HAVE_ZONE_TRACEPOINTS
	check_trace_callback_type_blk_zone_append_update_request_bio(jbt_probe_zone_append);
	check_trace_callback_type_disk_zone_wplug_add_bio(jbt_probe_zone_plug);
	check_trace_callback_type_blk_zone_wplug_bio(jbt_probe_zone_unplug);
#endif
}

static struct jbt_tracepoint_probe jbt_probes[] = {
	{ "block_rq_insert", jbt_probe_rq_insert },
	{ "block_rq_issue", jbt_probe_rq_issue },
	{ "block_rq_merge", jbt_probe_rq_merge },
	{ "block_rq_requeue", jbt_probe_rq_requeue },
	{ "block_rq_complete", jbt_probe_rq_complete },
#ifdef JBT_HAVE_BIO_BOUNCE_TRACEPOINT
	{ "block_bio_bounce", jbt_probe_bio_bounce },
#endif
	{ "block_bio_complete", jbt_probe_bio_complete },
	{ "block_bio_backmerge", jbt_probe_bio_backmerge },
	{ "block_bio_frontmerge", jbt_probe_bio_frontmerge },
	{ "block_bio_queue", jbt_probe_bio_queue },
	{ "block_getrq", jbt_probe_getrq },
	{ "block_plug", jbt_probe_plug },
	{ "block_unplug", jbt_probe_unplug },
	{ "block_split", jbt_probe_split },
	{ "block_bio_remap", jbt_probe_bio_remap },
	{ "block_rq_remap", jbt_probe_rq_remap },
#ifdef JBT_HAVE_ZONE_TRACEPOINTS
	{ "blk_zone_append_update_request_bio", jbt_probe_zone_append },
	{ "disk_zone_wplug_add_bio", jbt_probe_zone_plug },
	{ "blk_zone_wplug_bio", jbt_probe_zone_unplug },
#endif
};

/*
 * Trace files forward to relay's own file operations except mmap: a
 * read-only stream keeps the module usable under lockdown. Owning the
 * operations pins the module while a reader has a file open.
 */
static int jbt_trace_open(struct inode *inode, struct file *filp)
{
	return relay_file_operations.open(inode, filp);
}

static __poll_t jbt_trace_poll(struct file *filp, poll_table *wait)
{
	return relay_file_operations.poll(filp, wait);
}

static ssize_t jbt_trace_read(struct file *filp, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	return relay_file_operations.read(filp, ubuf, count, ppos);
}

static int jbt_trace_release(struct inode *inode, struct file *filp)
{
	return relay_file_operations.release(inode, filp);
}

static const struct file_operations jbt_trace_fops = {
	.owner = THIS_MODULE,
	.open = jbt_trace_open,
	.poll = jbt_trace_poll,
	.read = jbt_trace_read,
	.release = jbt_trace_release,
};

static int jbt_subbuf_switch(struct rchan_buf *buf)
{
	struct jbt_trace *t = buf->chan->private_data;

	if (!relay_buf_full(buf))
		return 1;
	/*
	 * Called once per refused record, and once per full buffer when STOP
	 * flushes; only the records count as dropped.
	 */
	if (!READ_ONCE(t->flushing))
		atomic_inc(&t->dropped);
	return 0;
}

static struct dentry *jbt_create_buf_file(const char *filename,
					  struct dentry *parent, umode_t mode,
					  struct rchan_buf *buf, int *is_global)
{
	return debugfs_create_file(filename, 0400, parent, buf,
				   &jbt_trace_fops);
}

static int jbt_remove_buf_file(struct dentry *dentry)
{
	debugfs_remove(dentry);
	return 0;
}

static const struct rchan_callbacks jbt_relay_callbacks = {
	.subbuf_start = jbt_subbuf_start,
	.create_buf_file = jbt_create_buf_file,
	.remove_buf_file = jbt_remove_buf_file,
};

static ssize_t jbt_dropped_read(struct file *filp, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct jbt_trace *t = filp->private_data;
	char text[16];
	int len;

	len = scnprintf(text, sizeof(text), "%u\n", atomic_read(&t->dropped));
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static const struct file_operations jbt_dropped_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = jbt_dropped_read,
	.llseek = default_llseek,
};

static ssize_t jbt_version_dropped_read(struct file *filp, char __user *ubuf,
					size_t count, loff_t *ppos)
{
	struct jbt_trace *t = filp->private_data;
	char text[16];
	int len;

	len = scnprintf(text, sizeof(text), "%u\n",
			atomic_read(&t->version_dropped));
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static const struct file_operations jbt_version_dropped_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = jbt_version_dropped_read,
	.llseek = default_llseek,
};

static ssize_t jbt_msg_write(struct file *filp, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct jbt_trace *t = filp->private_data;
	char text[JBT_MAX_MSG];

	if (count >= JBT_MAX_MSG)
		return -EINVAL;
	if (copy_from_user(text, ubuf, count))
		return -EFAULT;
	/* RCU pairs with the grace period that stop and teardown wait for. */
	rcu_read_lock();
	if (READ_ONCE(t->state) == JBT_RUNNING &&
	    (t->act_mask & BLK_TC_NOTIFY))
		jbt_write(t, BLK_TN_MESSAGE, current->pid, 0, 0, 0, text,
			  strnlen(text, count), false);
	rcu_read_unlock();
	return count;
}

static const struct file_operations jbt_msg_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = jbt_msg_write,
	.llseek = noop_llseek,
};

static void jbt_note_time(struct jbt_trace *t)
{
	struct timespec64 now;
	u32 words[2];

	ktime_get_real_ts64(&now);
	words[0] = (u32)now.tv_sec;
	words[1] = now.tv_nsec;
	jbt_write(t, BLK_TN_TIMESTAMP, 0, 0, 0, 0, words, sizeof(words), false);
}

static void jbt_free(struct jbt_trace *t)
{
	if (t->chan)
		relay_close(t->chan);
	debugfs_remove(t->dir);
	free_percpu(t->sequence);
	kfree(t->named_tasks);
	kfree(t);
}

static struct jbt_trace *jbt_find_locked(dev_t dev)
{
	struct jbt_trace *t;
	int bkt;

	hash_for_each(jbt_traces, bkt, t, node)
		if (t->dev == dev)
			return t;
	return NULL;
}

static bool jbt_disk_traced_locked(dev_t disk)
{
	struct jbt_trace *t;

	hash_for_each_possible(jbt_traces, t, node, disk)
		if (t->disk == disk)
			return true;
	return false;
}

static void jbt_read_device(struct block_device *bdev, void *ctx)
{
	struct jbt_trace *t = ctx;

	t->disk = disk_devt(bdev->bd_disk);
	t->start_lba = bdev->bd_start_sect;
	t->end_lba = bdev->bd_start_sect + bdev_nr_sectors(bdev);
	snprintf(t->name, sizeof(t->name), "%pg", bdev);
	strreplace(t->name, '/', '_');
}

static int jbt_setup(struct jblktrace_setup *req)
{
	struct jbt_trace *t;
	int ret;

	if (!req->version)
		req->version = BLK_IO_TRACE_VERSION;
	if ((req->version != BLK_IO_TRACE_VERSION &&
	     req->version != BLK_IO_TRACE2_VERSION) ||
	    !req->buf_size || !req->buf_nr ||
	    req->major > MAJOR(~0U) || req->minor > MINORMASK)
		return -EINVAL;

	t = kzalloc_obj(*t);
	if (!t)
		return -ENOMEM;
	t->dev = MKDEV(req->major, req->minor);
	ret = jbt_inspect_bdev(t->dev, jbt_read_device, t);
	if (ret) {
		kfree(t);
		return ret == -ENXIO ? -ENODEV : ret;
	}
	if (jbt_disk_traced_locked(t->disk)) {
		kfree(t);
		return -EBUSY;
	}

	t->version = req->version;
	t->act_mask = req->act_mask ? req->act_mask : 0xffff;
	t->pid = req->pid;
	if (req->start_lba)
		t->start_lba = req->start_lba;
	if (req->end_lba)
		t->end_lba = req->end_lba;
	atomic_set(&t->dropped, 0);
	atomic_set(&t->version_dropped, 0);
	t->state = JBT_SETUP;

	ret = -ENOMEM;
	t->sequence = alloc_percpu(u32);
	t->named_tasks = kcalloc(1 << JBT_TASK_SLOTS_BITS,
				 sizeof(*t->named_tasks), GFP_KERNEL);
	if (!t->sequence || !t->named_tasks)
		goto fail;
	t->dir = debugfs_create_dir(t->name, jbt_root);
	if (IS_ERR(t->dir)) {
		ret = PTR_ERR(t->dir);
		t->dir = NULL;
		goto fail;
	}
	debugfs_create_file("dropped", 0444, t->dir, t, &jbt_dropped_fops);
	debugfs_create_file("version_dropped", 0444, t->dir, t,
			    &jbt_version_dropped_fops);
	t->msg_file = debugfs_create_file("msg", 0200, t->dir, t,
					  &jbt_msg_fops);
	t->chan = relay_open("trace", t->dir, req->buf_size, req->buf_nr,
			     &jbt_relay_callbacks, t);
	if (!t->chan)
		goto fail;

	strscpy_pad(req->name, t->name, sizeof(req->name));
	hash_add_rcu(jbt_traces, &t->node, t->disk);
	return 0;
fail:
	jbt_free(t);
	return ret;
}

static int jbt_start(struct jbt_trace *t)
{
	if (t->state == JBT_RUNNING)
		return -EINVAL;
	memset(t->named_tasks, 0,
	       sizeof(*t->named_tasks) << JBT_TASK_SLOTS_BITS);
	jbt_note_time(t);
	WRITE_ONCE(t->state, JBT_RUNNING);
	return 0;
}

static int jbt_stop(struct jbt_trace *t)
{
	if (t->state != JBT_RUNNING)
		return -EINVAL;
	WRITE_ONCE(t->state, JBT_STOPPED);
	/* No probe may be writing while the sub-buffers are switched. */
	synchronize_rcu();
	WRITE_ONCE(t->flushing, true);
	relay_flush(t->chan);
	WRITE_ONCE(t->flushing, false);
	return 0;
}

static void jbt_teardown(struct jbt_trace *t)
{
	/* Waits for writers in flight; afterwards no message can arrive. */
	debugfs_remove(t->msg_file);
	WRITE_ONCE(t->state, JBT_STOPPED);
	hash_del_rcu(&t->node);
	synchronize_rcu();
	jbt_free(t);
}

static long jbt_ioctl_setup(void __user *argp)
{
	struct jblktrace_setup req;
	long ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	mutex_lock(&jbt_mutex);
	ret = jbt_setup(&req);
	if (!ret && copy_to_user(argp, &req, sizeof(req))) {
		jbt_teardown(jbt_find_locked(MKDEV(req.major, req.minor)));
		ret = -EFAULT;
	}
	mutex_unlock(&jbt_mutex);
	return ret;
}

static long jbt_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct jblktrace_device id;
	struct jbt_trace *t;
	long ret = 0;

	if (cmd != JBLKTRACE_SETUP && cmd != JBLKTRACE_START &&
	    cmd != JBLKTRACE_STOP && cmd != JBLKTRACE_TEARDOWN)
		return -ENOTTY;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (cmd == JBLKTRACE_SETUP)
		return jbt_ioctl_setup(argp);

	if (copy_from_user(&id, argp, sizeof(id)))
		return -EFAULT;
	if (id.major > MAJOR(~0U) || id.minor > MINORMASK)
		return -EINVAL;
	mutex_lock(&jbt_mutex);
	t = jbt_find_locked(MKDEV(id.major, id.minor));
	if (!t)
		ret = -ENOENT;
	else if (cmd == JBLKTRACE_START)
		ret = jbt_start(t);
	else if (cmd == JBLKTRACE_STOP)
		ret = jbt_stop(t);
	else
		jbt_teardown(t);
	mutex_unlock(&jbt_mutex);
	return ret;
}

static const struct file_operations jbt_control_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = jbt_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice jbt_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "jblktrace",
	.fops = &jbt_control_fops,
	.mode = 0600,
};

static int __init jbt_init(void)
{
	int ret;

	jbt_check_probe_types();
	jbt_root = debugfs_create_dir(JBLKTRACE_DEBUGFS_DIR, NULL);
	if (IS_ERR(jbt_root))
		return PTR_ERR(jbt_root);
	ret = jbt_attach_probes(jbt_probes, ARRAY_SIZE(jbt_probes));
	if (ret)
		goto fail_probes;
	ret = misc_register(&jbt_misc);
	if (ret)
		goto fail_misc;
	ret = reqlog_init();
	if (ret)
		goto fail_reqlog;
	return 0;
fail_reqlog:
	misc_deregister(&jbt_misc);
fail_misc:
	jbt_detach_probes(jbt_probes, ARRAY_SIZE(jbt_probes));
fail_probes:
	debugfs_remove(jbt_root);
	return ret;
}

static void __exit jbt_exit(void)
{
	struct hlist_node *tmp;
	struct jbt_trace *t;
	int bkt;

	reqlog_exit();
	misc_deregister(&jbt_misc);
	jbt_detach_probes(jbt_probes, ARRAY_SIZE(jbt_probes));
	mutex_lock(&jbt_mutex);
	hash_for_each_safe(jbt_traces, bkt, tmp, t, node)
		jbt_teardown(t);
	mutex_unlock(&jbt_mutex);
	debugfs_remove(jbt_root);
}

module_init(jbt_init);
module_exit(jbt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("blktrace-compatible block I/O tracing through tracepoints");
MODULE_AUTHOR("The jblktrace authors");
