/* SPDX-License-Identifier: GPL-2.0-or-later */
/* timer.* probes: periodic hrtimers; timer.profile: one per CPU. */
#ifndef CTAP_RUNTIME_PROBES_TIMER_H
#define CTAP_RUNTIME_PROBES_TIMER_H

#include <linux/hrtimer.h>
#include <linux/jiffies.h>

/* timer.jiffies(N): N ticks of the target's HZ, in nanoseconds. */
#define STP_JIFFIES_NS(n) ((u64)(n) * TICK_NSEC)

struct stp_timer_probe {
	const struct stp_probe *probe;
	u64 period_ns;
	u64 spread_ns;			/* .randomize: period_ns +- spread_ns */
	bool per_cpu;			/* timer.profile */
	/* runtime-private */
	struct hrtimer timer;			/* !per_cpu */
	struct hrtimer __percpu *cpu_timers;	/* per_cpu */
	u64 rng;				/* xorshift state for .randomize */
	bool started;
};

#endif
