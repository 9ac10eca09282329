// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Timer probes. A plain timer is one hrtimer on the CPU that started the
 * run; timer.profile is one pinned hrtimer per CPU whose handler sees the
 * interrupted registers. All are "hard" hrtimers, so they expire in
 * hardirq context on PREEMPT_RT too, like everywhere else.
 */

#include <asm/irq_regs.h>
#include <linux/math64.h>
#include <linux/random.h>
#include <linux/smp.h>

/* The next period: period_ns, or uniform in period_ns +- spread_ns. A
 * private xorshift generator, as get_random_*() may sleep on PREEMPT_RT. */
static u64 stp_timer_next_ns(struct stp_timer_probe *tp)
{
	u64 x = tp->rng, offset;

	if (!tp->spread_ns)
		return tp->period_ns;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	tp->rng = x;
	div64_u64_rem(x, 2 * tp->spread_ns + 1, &offset);
	return tp->period_ns - tp->spread_ns + offset;
}

static enum hrtimer_restart stp_timer_fire(struct hrtimer *t)
{
	struct stp_timer_probe *tp = container_of(t, struct stp_timer_probe, timer);

	if (atomic_read(&stp_state) != STP_STATE_RUNNING)
		return HRTIMER_NORESTART;
	stp_run_probe(tp->probe, NULL, false);
	hrtimer_forward_now(t, ns_to_ktime(stp_timer_next_ns(tp)));
	return HRTIMER_RESTART;
}

/* A per-CPU timer has no way back to its probe but a lookup. */
static struct stp_timer_probe *stp_profile_timer_of(struct hrtimer *t)
{
	unsigned int i;

	for (i = 0; i < stp_script.ntimers; i++) {
		struct stp_timer_probe *tp = &stp_script.timers[i];

		if (tp->per_cpu && this_cpu_ptr(tp->cpu_timers) == t)
			return tp;
	}
	return NULL;
}

static enum hrtimer_restart stp_profile_fire(struct hrtimer *t)
{
	struct stp_timer_probe *tp = stp_profile_timer_of(t);

	if (!tp || atomic_read(&stp_state) != STP_STATE_RUNNING)
		return HRTIMER_NORESTART;
	stp_run_probe(tp->probe, get_irq_regs(), false);
	hrtimer_forward_now(t, ns_to_ktime(tp->period_ns));
	return HRTIMER_RESTART;
}

static void stp_hrtimer_init(struct hrtimer *t,
			     enum hrtimer_restart (*fn)(struct hrtimer *),
			     enum hrtimer_mode mode)
{
#ifdef STP_HAVE_HRTIMER_SETUP
	hrtimer_setup(t, fn, CLOCK_MONOTONIC, mode);
#else
	hrtimer_init(t, CLOCK_MONOTONIC, mode);
	t->function = fn;
#endif
}

/* Runs on each CPU (IPI): start this CPU's profile timer. */
static void stp_profile_start_local(void *data)
{
	struct stp_timer_probe *tp = data;

	hrtimer_start(this_cpu_ptr(tp->cpu_timers), ns_to_ktime(tp->period_ns),
		      HRTIMER_MODE_REL_PINNED_HARD);
}

static int stp_timers_start(void)
{
	unsigned int i, cpu;

	for (i = 0; i < stp_script.ntimers; i++) {
		struct stp_timer_probe *tp = &stp_script.timers[i];

		if (tp->per_cpu) {
			tp->cpu_timers = alloc_percpu(struct hrtimer);
			if (!tp->cpu_timers)
				return -ENOMEM;
			for_each_possible_cpu(cpu)
				stp_hrtimer_init(per_cpu_ptr(tp->cpu_timers, cpu),
						 stp_profile_fire,
						 HRTIMER_MODE_REL_PINNED_HARD);
			tp->started = true;
			on_each_cpu(stp_profile_start_local, tp, 1);
			continue;
		}
		tp->rng = get_random_u64() | 1;
		stp_hrtimer_init(&tp->timer, stp_timer_fire, HRTIMER_MODE_REL_HARD);
		tp->started = true;
		hrtimer_start(&tp->timer, ns_to_ktime(stp_timer_next_ns(tp)),
			      HRTIMER_MODE_REL_HARD);
	}
	return 0;
}

/* Stop every timer and wait for running callbacks to finish. */
static void stp_timers_stop(void)
{
	unsigned int i, cpu;

	for (i = 0; i < stp_script.ntimers; i++) {
		struct stp_timer_probe *tp = &stp_script.timers[i];

		if (tp->started && tp->per_cpu) {
			for_each_possible_cpu(cpu)
				hrtimer_cancel(per_cpu_ptr(tp->cpu_timers, cpu));
		} else if (tp->started) {
			hrtimer_cancel(&tp->timer);
		}
		tp->started = false;
		free_percpu(tp->cpu_timers);
		tp->cpu_timers = NULL;
	}
}
