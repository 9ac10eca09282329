// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * perf probes. Each probe is a kernel counter on every online CPU (not
 * tied to a task) whose overflow handler runs the probe with the
 * interrupted registers. Software events overflow in hard interrupt
 * context (cpu_clock from an hrtimer), hardware ones in NMI; the handler
 * path takes no lock but the globals' bounded trylocks, so both are safe.
 * CPUs brought online later get no counter.
 */

static void stp_perf_overflow(struct perf_event *event, struct perf_sample_data *data,
			      struct pt_regs *regs)
{
	const struct stp_perf_probe *pp = event->overflow_handler_context;

	stp_run_probe(pp->probe, regs, false);
}

static void stp_perf_release(struct stp_perf_probe *pp)
{
	unsigned int cpu;

	if (!pp->events)
		return;
	for_each_possible_cpu(cpu)
		if (pp->events[cpu])
			perf_event_release_kernel(pp->events[cpu]);
	kfree(pp->events);
	pp->events = NULL;
}

/* Release every counter; no overflow handler runs after this returns. */
static void stp_perfs_unregister(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.nperfs; i++)
		stp_perf_release(&stp_script.perfs[i]);
}

static int stp_perf_create(struct stp_perf_probe *pp)
{
	struct perf_event_attr attr = {
		.type = pp->type,
		.size = sizeof(attr),
		.config = pp->config,
		.sample_period = pp->sample_period,
	};
	struct perf_event *event;
	unsigned int cpu;

	pp->events = kcalloc(nr_cpu_ids, sizeof(*pp->events), GFP_KERNEL);
	if (!pp->events)
		return -ENOMEM;
	for_each_online_cpu(cpu) {
		event = perf_event_create_kernel_counter(&attr, cpu, NULL,
							 stp_perf_overflow, pp);
		if (IS_ERR(event))
			return PTR_ERR(event);
		pp->events[cpu] = event;
	}
	return 0;
}

/* Create every probe's counters; on a failure, report it and undo the rest. */
static int stp_perfs_register(void)
{
	unsigned int i;
	int rc;

	for (i = 0; i < stp_script.nperfs; i++) {
		struct stp_perf_probe *pp = &stp_script.perfs[i];

		rc = stp_perf_create(pp);
		if (rc) {
			stp_msg_printf('E', "ERROR: probe %s registration error (rc %d): "
				       "cannot create the perf counter", pp->probe->pp, rc);
			stp_perfs_unregister();
			return rc;
		}
	}
	return 0;
}
