/* SPDX-License-Identifier: GPL-2.0-or-later */
/* perf.type(T).config(C).sample(N) probes: one kernel counter per CPU. */
#ifndef CTAP_RUNTIME_PROBES_PERF_H
#define CTAP_RUNTIME_PROBES_PERF_H

#include <linux/perf_event.h>

struct stp_perf_probe {
	const struct stp_probe *probe;
	u32 type;			/* perf_event_attr.type */
	u64 config;
	u64 sample_period;		/* the probe runs every this many events */
	/* runtime-private */
	struct perf_event **events;	/* per CPU id; NULL where none */
};

#endif
