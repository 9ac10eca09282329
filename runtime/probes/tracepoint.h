/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kernel.trace("system:event"): a probe function on a kernel tracepoint. */
#ifndef CTAP_RUNTIME_PROBES_TRACEPOINT_H
#define CTAP_RUNTIME_PROBES_TRACEPOINT_H

#include <linux/tracepoint.h>

struct stp_tracepoint_probe {
	const struct stp_probe *probe;
	const char *name;		/* the event: "sched_switch" */
	void *func;			/* generated, with the tracepoint's prototype */
	/* runtime-private */
	struct tracepoint *tp;
	bool registered;
};

#endif
