// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kernel.trace probes. A tracepoint is found by name among the core
 * kernel's with for_each_kernel_tracepoint() (exported on 6.1 and 6.12; the
 * __tracepoint_<name> symbols are not all exported, and kallsyms_lookup_name
 * is not), then tracepoint_probe_register() attaches the generated
 * function, which receives the arguments with the tracepoint's prototype.
 */

static void stp_tracepoint_find(struct tracepoint *tp, void *unused)
{
	unsigned int i;

	for (i = 0; i < stp_script.ntracepoints; i++) {
		struct stp_tracepoint_probe *tpp = &stp_script.tracepoints[i];

		if (!tpp->tp && strcmp(tp->name, tpp->name) == 0)
			tpp->tp = tp;
	}
}

static void stp_tracepoints_unregister(void)
{
	unsigned int i;
	bool any = false;

	for (i = 0; i < stp_script.ntracepoints; i++) {
		struct stp_tracepoint_probe *tpp = &stp_script.tracepoints[i];

		if (!tpp->registered)
			continue;
		tracepoint_probe_unregister(tpp->tp, tpp->func, NULL);
		tpp->registered = false;
		any = true;
	}
	/* No probe function may still run when the module goes away. */
	if (any)
		tracepoint_synchronize_unregister();
}

/* Attach every tracepoint probe; on a failure, report it and undo the rest. */
static int stp_tracepoints_register(void)
{
	unsigned int i;
	int rc;

	if (!stp_script.ntracepoints)
		return 0;
	for_each_kernel_tracepoint(stp_tracepoint_find, NULL);
	for (i = 0; i < stp_script.ntracepoints; i++) {
		struct stp_tracepoint_probe *tpp = &stp_script.tracepoints[i];

		rc = tpp->tp ? tracepoint_probe_register(tpp->tp, tpp->func, NULL) : -ENOENT;
		if (rc) {
			stp_msg_printf('E', "ERROR: probe %s registration error (rc %d)",
				       tpp->probe->pp, rc);
			stp_tracepoints_unregister();
			return rc;
		}
		tpp->registered = true;
	}
	return 0;
}
