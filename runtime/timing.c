// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stap -t (STP_TIMING): every handler run is timed in CPU cycles into a
 * per-probe statistic (this CPU's part only: handlers run with interrupts
 * off), and the session's end prints SystemTap's probe hit report to the
 * script's output, after the end probes:
 *
 *   ----- probe hit report:
 *   PP, (FILE:LINE:COL), hits: N, cycles: MINmin/AVGavg/MAXmax, variance: V, from: ..., index: I
 *   ----- refresh report:
 *   'GLOBAL' lock contention occurred N times
 *
 * one line per probe that ran at least once, and one per global whose lock
 * a handler found taken (each failed try counts). SystemTap times its
 * probe-point refreshes (module loads re-arming probes) under the refresh
 * header; ctap arms its probes once, so the header has no lines. Without
 * STP_TIMING all of this compiles to nothing.
 */

#ifdef STP_TIMING
static struct stp_stat *stp_probe_timings;	/* stp_script.nprobes of them */

static void stp_timing_free(void)
{
	unsigned int i;

	if (!stp_probe_timings)
		return;
	for (i = 0; i < stp_script.nprobes; i++)
		stp_stat_free(&stp_probe_timings[i]);
	kfree(stp_probe_timings);
	stp_probe_timings = NULL;
}

static int stp_timing_alloc(void)
{
	unsigned int i;

	stp_probe_timings = kcalloc(max(stp_script.nprobes, 1U), sizeof(*stp_probe_timings),
				    GFP_KERNEL);
	if (!stp_probe_timings)
		return -ENOMEM;
	for (i = 0; i < stp_script.nprobes; i++) {
		stp_probe_timings[i].desc.ops = STP_STAT_VARIANCE;
		if (stp_stat_alloc(&stp_probe_timings[i])) {
			stp_timing_free();
			return -ENOMEM;
		}
	}
	return 0;
}

/* One run of p took `cycles`; interrupts are off. */
static void stp_timing_add(const struct stp_probe *p, int64_t cycles)
{
	size_t index = p - stp_script.probes;

	if (stp_probe_timings && p >= stp_script.probes && index < stp_script.nprobes)
		stp_stat_add(&stp_probe_timings[index], cycles);
}

/* Printed on one CPU with interrupts off, into the script's output. */
static void stp_timing_report(void)
{
	static const char header[] = "----- probe hit report: \n";
	static const char refresh_header[] = "----- refresh report:\n";
	unsigned long flags;
	unsigned int i;
	char line[512];
	int n;

	if (!stp_probe_timings)
		return;
	local_irq_save(flags);
	stp_print_mem(NULL, header, sizeof(header) - 1);
	for (i = 0; i < stp_script.nprobes; i++) {
		const struct stp_probe *p = &stp_script.probes[i];
		const struct stp_stat_data *d = stp_stat_read(&stp_probe_timings[i]);

		if (!d->count)
			continue;
		n = scnprintf(line, sizeof(line),
			      "%s, (%s), hits: %lld, cycles: %lldmin/%lldavg/%lldmax, "
			      "variance: %lld,%s, index: %u\n",
			      p->pp, p->location ? p->location : "", (long long)d->count,
			      (long long)d->min, (long long)div64_s64(d->sum, d->count),
			      (long long)d->max, (long long)d->variance,
			      p->derivation ? p->derivation : "", i);
		stp_print_mem(NULL, line, n);
	}
	stp_print_mem(NULL, refresh_header, sizeof(refresh_header) - 1);
	for (i = 0; i < stp_script.nlocks; i++) {
		int contended = atomic_read(&stp_script.locks[i]->contended);

		if (!contended)
			continue;
		n = scnprintf(line, sizeof(line), "'%s' lock contention occurred %d times\n",
			      stp_script.locks[i]->name, contended);
		stp_print_mem(NULL, line, n);
	}
	stp_print_flush();
	local_irq_restore(flags);
}

#else

static int stp_timing_alloc(void)
{
	return 0;
}

static void stp_timing_free(void)
{
}

static void stp_timing_report(void)
{
}

#endif
