// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "tracepoints.h"

struct jbt_probe_set {
	struct jbt_tracepoint_probe *probes;
	size_t count;
};

static void jbt_match_tracepoint(struct tracepoint *tp, void *data)
{
	struct jbt_probe_set *set = data;
	size_t i;

	for (i = 0; i < set->count; i++)
		if (!strcmp(tp->name, set->probes[i].name))
			set->probes[i].tp = tp;
}

void jbt_detach_probes(struct jbt_tracepoint_probe *probes, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (probes[i].tp)
			tracepoint_probe_unregister(probes[i].tp,
						    probes[i].func, NULL);
		probes[i].tp = NULL;
	}
	tracepoint_synchronize_unregister();
}

int jbt_attach_probes(struct jbt_tracepoint_probe *probes, size_t count)
{
	struct jbt_probe_set set = { probes, count };
	size_t i;
	int ret;

	for_each_kernel_tracepoint(jbt_match_tracepoint, &set);
	for (i = 0; i < count; i++) {
		struct jbt_tracepoint_probe *p = &probes[i];

		if (!p->tp) {
			pr_err("tracepoint %s not found\n", p->name);
			ret = -ENOENT;
			goto fail;
		}
		ret = tracepoint_probe_register(p->tp, p->func, NULL);
		if (ret) {
			pr_err("cannot attach to %s: %d\n", p->name, ret);
			p->tp = NULL;
			goto fail;
		}
	}
	return 0;
fail:
	jbt_detach_probes(probes, count);
	return ret;
}
