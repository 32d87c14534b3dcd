/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * /dev/reqlog ABI: the single source of truth for the request log that the
 * jblktrace module keeps. The Java binding (org.jblktrace.core.reqlog)
 * mirrors this file and a test compiles it to check that the mirror still
 * matches.
 *
 * While logging is enabled, every read and write request issued to a disk
 * (blktrace's D event), every completion of one (C) and every requeue (R)
 * becomes a record in one ring buffer shared by all disks. read() takes
 * whole records, oldest first; each record is read once, by one reader.
 * Discards, secure erases, write-zeroes and zone resets are writes.
 * Passthrough requests (SG_IO and the like), flushes and requests of
 * bio-based drivers (device mapper, md) are not logged.
 *
 * A full ring drops new records; the next read after the ring has room
 * again delivers a REQLOG_LOST record in their place, so that losses are
 * seen where they happened. Every record, kept or dropped, takes the next
 * sequence number: a jump that no REQLOG_LOST record explains means that
 * another reader took the records in between.
 *
 * Opening needs the file's permissions (the device is created 0600): read
 * permission to read, write permission (a descriptor open for writing) to
 * enable or disable logging.
 */
#ifndef REQLOG_H
#define REQLOG_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define REQLOG_DEVICE_PATH	"/dev/reqlog"

/* Record kinds. */
#define REQLOG_ISSUE		1	/* issued to the disk (D) */
#define REQLOG_COMPLETE		2	/* completed, in whole or in part (C) */
#define REQLOG_REQUEUE		3	/* taken back unfinished, to be issued again (R) */
#define REQLOG_LOST		4	/* records dropped by a full ring */
#define REQLOG_DISABLED		5	/* logging was disabled here */

/* Record flags: what a request does to the disk. */
#define REQLOG_WRITE		_BITUL(0)	/* changes the contents */
#define REQLOG_DISCARD		_BITUL(1)	/* discard or secure erase */
#define REQLOG_WRITE_ZEROES	_BITUL(2)
#define REQLOG_ZONE_RESET	_BITUL(3)	/* one zone, or all of them */

/*
 * One record, 48 bytes, the same layout on 32- and 64-bit user space.
 *
 * offset  size  field
 *      0     8  sequence    1 for the first record after loading, +1 each
 *      8     8  time_ns     CLOCK_MONOTONIC (ktime_get_ns)
 *     16     8  sector      first 512-byte sector on the whole disk;
 *                           for REQLOG_LOST, how many records were lost
 *     24     4  nr_sectors  length in 512-byte sectors
 *     28     4  major       the disk's device number
 *     32     4  minor
 *     36     2  kind        REQLOG_ISSUE ... REQLOG_LOST
 *     38     2  flags       REQLOG_WRITE ...; 0 for a read
 *     40     4  error       REQLOG_COMPLETE: 0 or a negative errno
 *     44     4  pid         the task that was running
 *
 * A REQLOG_LOST record's sequence is that of the last record lost. A
 * REQLOG_DISABLED record, with only sequence and time, marks where logging
 * was disabled: a tracker of writes knows that it missed what followed.
 */
struct reqlog_record {
	__u64 sequence;
	__u64 time_ns;
	__u64 sector;
	__u32 nr_sectors;
	__u32 major;
	__u32 minor;
	__u16 kind;
	__u16 flags;
	__s32 error;
	__u32 pid;
};

/*
 * REQLOG_STATUS fills this (32 bytes).
 *
 * offset  size  field
 *      0     8  head      sequence number of the newest record, kept or
 *                         dropped; 0 before the first
 *      8     8  lost      records dropped since the module was loaded
 *     16     4  enabled   1 while logging
 *     20     4  capacity  records the ring holds
 *     24     4  queued    records waiting to be read
 *     28     4  reserved  0
 */
struct reqlog_status {
	__u64 head;
	__u64 lost;
	__u32 enabled;
	__u32 capacity;
	__u32 queued;
	__u32 reserved;
};

#define REQLOG_IOC_MAGIC	0xB8

/* Need a descriptor open for writing (EBADF otherwise). */
#define REQLOG_ENABLE		_IO(REQLOG_IOC_MAGIC, 1)
#define REQLOG_DISABLE		_IO(REQLOG_IOC_MAGIC, 2)
#define REQLOG_STATUS		_IOR(REQLOG_IOC_MAGIC, 3, struct reqlog_status)

#ifdef __KERNEL__
/* tracer.c starts and stops the request log with the module. */
int reqlog_init(void);
void reqlog_exit(void);
#endif

#endif /* REQLOG_H */
