/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * jblktrace control ABI: the single source of truth for /dev/jblktrace.
 * The Java binding (org.jblktrace.core.kernel.module) mirrors this file and
 * a test compiles it to check that the mirror still matches.
 *
 * Every struct has a fixed layout with explicit padding, identical on 32-
 * and 64-bit user space, so no compat translation is needed.
 */
#ifndef JBLKTRACE_H
#define JBLKTRACE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define JBLKTRACE_DEVICE_PATH	"/dev/jblktrace"
#define JBLKTRACE_DEBUGFS_DIR	"jblktrace"
#define JBLKTRACE_NAME_LEN	32
/* Record versions a trace can ask for (struct jblktrace_setup.version). */
#define JBLKTRACE_VERSION_7	7
#define JBLKTRACE_VERSION_8	8

/*
 * Setup request. Traced device by major/minor; the whole disk is traced
 * and, for a partition, events are limited to its sector range unless
 * start_lba/end_lba say otherwise.
 *
 * The record version: 7 writes struct blk_io_trace (48 bytes, what every
 * blkparse reads), leaving out, and counting in the trace's
 * version_dropped file, the events it cannot carry (zone operations and
 * write-zeroes, zone write plugging); 8 writes struct blk_io_trace2
 * (64 bytes, 64-bit action) with everything. 0 asks for 7, what modules
 * before version 8 wrote; the module reports the version it records.
 *
 * offset  size  field
 *      0     4  major      in
 *      4     4  minor      in
 *      8     2  act_mask   in   category mask, 0 = all
 *     10     2  version    in/out  record version: 0, 7 or 8
 *     12     4  buf_size   in   relay sub-buffer size in bytes, > 0
 *     16     4  buf_nr     in   sub-buffers per CPU, > 0
 *     20     4  pid        in   0 = every task
 *     24     8  start_lba  in   0 = start of the device
 *     32     8  end_lba    in   0 = end of the device
 *     40    32  name       out  debugfs directory name, NUL terminated
 * total 72
 */
struct jblktrace_setup {
	__u32 major;
	__u32 minor;
	__u16 act_mask;
	__u16 version;
	__u32 buf_size;
	__u32 buf_nr;
	__u32 pid;
	__u64 start_lba;
	__u64 end_lba;
	char name[JBLKTRACE_NAME_LEN];
};

/* Names a traced device for start, stop and teardown (8 bytes). */
struct jblktrace_device {
	__u32 major;
	__u32 minor;
};

#define JBLKTRACE_IOC_MAGIC	0xB7

/*
 * Errors: ENODEV unknown device, EBUSY device already traced by this
 * module, EINVAL bad arguments (such as an unknown version) or wrong
 * state, ENOENT no trace for the device, ENOMEM no memory for the buffers.
 */
#define JBLKTRACE_SETUP		_IOWR(JBLKTRACE_IOC_MAGIC, 1, struct jblktrace_setup)
/* Setup or stopped -> running; emits a timestamp note. */
#define JBLKTRACE_START		_IOW(JBLKTRACE_IOC_MAGIC, 2, struct jblktrace_device)
/* Running -> stopped; partially filled sub-buffers become readable. */
#define JBLKTRACE_STOP		_IOW(JBLKTRACE_IOC_MAGIC, 3, struct jblktrace_device)
/* Any state -> gone: stops if needed, removes the debugfs files. */
#define JBLKTRACE_TEARDOWN	_IOW(JBLKTRACE_IOC_MAGIC, 4, struct jblktrace_device)

#endif /* JBLKTRACE_H */
