/* SPDX-License-Identifier: GPL-2.0-or-later */
/* timer.s/ms/us/ns/hz: one periodic hrtimer per probe. */
#ifndef CTAP_RUNTIME_PROBES_TIMER_H
#define CTAP_RUNTIME_PROBES_TIMER_H

#include <linux/hrtimer.h>

struct stp_timer_probe {
	const struct stp_probe *probe;
	u64 period_ns;
	/* runtime-private */
	struct hrtimer timer;
	bool started;
};

#endif
