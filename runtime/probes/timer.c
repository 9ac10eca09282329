// SPDX-License-Identifier: GPL-2.0-or-later
/* Timer probes: each a periodic hrtimer on the CPU that started the run. */

static enum hrtimer_restart stp_timer_fire(struct hrtimer *t)
{
	struct stp_timer_probe *tp = container_of(t, struct stp_timer_probe, timer);

	if (atomic_read(&stp_state) != STP_STATE_RUNNING)
		return HRTIMER_NORESTART;
	stp_run_probe(tp->probe, NULL, false);
	hrtimer_forward_now(t, ns_to_ktime(tp->period_ns));
	return HRTIMER_RESTART;
}

static void stp_timers_start(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.ntimers; i++) {
		struct stp_timer_probe *tp = &stp_script.timers[i];

#ifdef STP_HAVE_HRTIMER_SETUP
		hrtimer_setup(&tp->timer, stp_timer_fire, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
#else
		hrtimer_init(&tp->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		tp->timer.function = stp_timer_fire;
#endif
		hrtimer_start(&tp->timer, ns_to_ktime(tp->period_ns), HRTIMER_MODE_REL);
		tp->started = true;
	}
}

/* Stop every timer and wait for running callbacks to finish. */
static void stp_timers_stop(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.ntimers; i++) {
		struct stp_timer_probe *tp = &stp_script.timers[i];

		if (tp->started)
			hrtimer_cancel(&tp->timer);
		tp->started = false;
	}
}
