// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The session: module load, start (kprobes armed, begin probes, timers),
 * stop (everything quiesced, end probes unless an error ended the run,
 * the closing report), and module unload. Start and stop run in the
 * context of staprun's write to the control file.
 */

static struct dentry *stp_debugfs_dir;

/* Begin probes in order, until one calls exit() or fails. */
static void stp_run_begin_probes(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.nbegin; i++) {
		if (atomic_read(&stp_failed) || atomic_read(&stp_exit_requested))
			return;
		stp_run_probe(stp_script.begin[i], NULL, true);
	}
}

/* End probes in order, until one fails (exit() has no effect here). */
static void stp_run_end_probes(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.nend && !atomic_read(&stp_failed); i++)
		stp_run_probe(stp_script.end[i], NULL, true);
}

/* Error probes in order, instead of the end probes of a failed run; each
 * is attempted even when an earlier one fails, as in SystemTap. */
static void stp_run_error_probes(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.nerror; i++)
		stp_run_probe(stp_script.error[i], NULL, true);
}

/* The probe families armed at start, in order; undone in reverse. */
static const struct stp_probe_family {
	int (*register_all)(void);	/* reports its own failure */
	void (*unregister_all)(void);
} stp_probe_families[] = {
	{ stp_kprobes_register, stp_kprobes_unregister },
	{ stp_tracepoints_register, stp_tracepoints_unregister },
	{ stp_perfs_register, stp_perfs_unregister },
	{ stp_procfs_register, stp_procfs_unregister },
};

static int stp_probes_register(void)
{
	unsigned int i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(stp_probe_families); i++) {
		rc = stp_probe_families[i].register_all();
		if (rc) {
			while (i--)
				stp_probe_families[i].unregister_all();
			return rc;
		}
	}
	return 0;
}

/* After this returns no kprobe, tracepoint, perf or procfs handler runs. */
static void stp_probes_unregister(void)
{
	unsigned int i = ARRAY_SIZE(stp_probe_families);

	while (i--)
		stp_probe_families[i].unregister_all();
}

static int stp_session_start(void)
{
	int rc;

	if (atomic_read(&stp_state) != STP_STATE_LOADED)
		return -EBUSY;
	atomic_set(&stp_state, STP_STATE_STARTING);
	rc = stp_probes_register();
	if (rc) {
		atomic_set(&stp_failed, 1);
		stp_request_exit();
		return 0;	/* staprun reads the error and stops */
	}
	stp_run_begin_probes();
	/* exit() in a begin probe: no other probe ever fires. */
	if (atomic_read(&stp_failed) || atomic_read(&stp_exit_requested))
		return 0;
	atomic_set(&stp_state, STP_STATE_RUNNING);
	rc = stp_timers_start();
	if (rc) {
		stp_msg_printf('E', "ERROR: cannot start the timer probes (%d)", rc);
		atomic_set(&stp_failed, 1);
		stp_request_exit();
	}
	return 0;
}

/*
 * The closing report, as SystemTap gives it: the count of errors and of
 * skipped probes (lock timeouts and kprobes the kernel missed; probes
 * refused for reentrancy are not among them, as with SystemTap's default
 * INTERRUPTIBLE, but still bring the line out), and, with -t only, why
 * they were skipped.
 */
static void stp_report_totals(void)
{
	int errors = atomic_read(&stp_error_count);
	int reentrant = atomic_read(&stp_skipped_reentrant);
	int skipped = atomic_read(&stp_skipped_lock) + stp_kprobes_missed();
	int drops = atomic_read(&stp_transport_drops);
	int lost = atomic_read(&stp_msgs_dropped);

#ifdef STP_TIMING
	stp_kprobes_report_missed();
#endif
	if (errors || skipped || reentrant)
		stp_msg_printf('W', "WARNING: Number of errors: %d, skipped probes: %d",
			       errors, skipped);
#ifdef STP_TIMING
	{
		unsigned int i;

		for (i = 0; i < stp_script.nlocks; i++) {
			int n = atomic_read(&stp_script.locks[i]->skipped);

			if (n)
				stp_msg_printf('W', "WARNING: Skipped due to global '%s' lock timeout: %d",
					       stp_script.locks[i]->name, n);
		}
	}
	if (reentrant)
		stp_msg_printf('W', "WARNING: Skipped due to reentrancy: %d", reentrant);
#endif
	if (drops)
		stp_msg_printf('W', "WARNING: There were %d transport failures. Try -D "
			       "STP_N_SUBBUFS=N to increase the buffer size from %d.", drops,
			       STP_N_SUBBUFS);
	if (lost)
		stp_msg_printf('W', "WARNING: %d messages were lost.", lost);
}

static int stp_session_stop(void)
{
	int state = atomic_read(&stp_state);

	if (state == STP_STATE_STOPPED || state == STP_STATE_STOPPING)
		return 0;
	atomic_set(&stp_state, STP_STATE_STOPPING);
	/* After these return no timer or kprobe handler is running. */
	stp_timers_stop();
	stp_probes_unregister();
	if (state != STP_STATE_LOADED && !atomic_read(&stp_failed))
		stp_run_end_probes();
	else if (state != STP_STATE_LOADED)
		stp_run_error_probes();
	if (state != STP_STATE_LOADED) {
		stp_timing_report();
		stp_report_totals();
	}
	atomic_set(&stp_state, STP_STATE_STOPPED);
	return 0;
}

static void stp_module_cleanup(void)
{
	stp_relay_close();	/* removes the trace files */
	debugfs_remove_recursive(stp_debugfs_dir);
	stp_debugfs_dir = NULL;
	free_percpu(stp_print_buffers);
	stp_print_buffers = NULL;
	stp_contexts_free();
	stp_globals_free();
	stp_timing_free();
}

static int __init stp_module_init(void)
{
	int rc = -ENOMEM;

	stp_print_buffers = alloc_percpu(struct stp_print_buffer);
	if (!stp_print_buffers || stp_contexts_alloc(stp_script.locals_size))
		goto fail;
	rc = stp_timing_alloc();
	if (rc)
		goto fail;
	rc = stp_globals_alloc();
	if (rc) {
		pr_err("%s: cannot allocate the script's arrays and statistics (%d)\n",
		       KBUILD_MODNAME, rc);
		goto fail;
	}
	stp_debugfs_dir = debugfs_create_dir("ctap_" KBUILD_MODNAME, NULL);
	if (IS_ERR_OR_NULL(stp_debugfs_dir)) {
		rc = stp_debugfs_dir ? PTR_ERR(stp_debugfs_dir) : -ENODEV;
		stp_debugfs_dir = NULL;
		pr_err("%s: cannot create debugfs directory (%d)\n", KBUILD_MODNAME, rc);
		goto fail;
	}
	rc = stp_relay_open(stp_debugfs_dir);
	if (rc)
		goto fail;
	if (IS_ERR(debugfs_create_file("control", 0600, stp_debugfs_dir, NULL,
				       &stp_control_fops))) {
		rc = -ENODEV;
		goto fail;
	}
	return 0;
fail:
	stp_module_cleanup();
	return rc;
}

static void __exit stp_module_exit(void)
{
	mutex_lock(&stp_control_mutex);
	atomic_set(&stp_failed, 1);	/* removed without "stop": no end probes */
	stp_session_stop();
	mutex_unlock(&stp_control_mutex);
	stp_module_cleanup();
}

module_init(stp_module_init);
module_exit(stp_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ctap script module");
