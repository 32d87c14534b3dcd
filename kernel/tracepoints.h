/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe functions attached to kernel tracepoints by name, shared by the
 * tracer and the request log: the block tracepoints are not exported as
 * symbols, so they are found by walking the kernel's tracepoints.
 */
#ifndef JBT_TRACEPOINTS_H
#define JBT_TRACEPOINTS_H

#include <linux/types.h>

struct tracepoint;

/* FUNC for the tracepoint NAME; TP is set while attached. */
struct jbt_tracepoint_probe {
	const char *name;
	void *func;
	struct tracepoint *tp;
};

/* Attaches every probe, or none: 0 or a negative errno. */
int jbt_attach_probes(struct jbt_tracepoint_probe *probes, size_t count);

/* Detaches the attached ones and waits until no probe runs any more. */
void jbt_detach_probes(struct jbt_tracepoint_probe *probes, size_t count);

#endif
