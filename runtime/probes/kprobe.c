// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kernel.function, kernel.statement and module(...) probes: kprobes and
 * kretprobes placed by symbol name and offset, or by address; a kretprobe
 * whose .return handler reads values at entry (@entry, parameters) has an
 * entry handler saving them in the instance's data.
 */

/*
 * The handler sees the probed instruction's address as the instruction
 * pointer (x86 reports the one after the breakpoint), so addr(),
 * probefunc() and backtraces start at the probe point; restored after.
 */
static int stp_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct stp_kprobe_probe *kpp = container_of(kp, struct stp_kprobe_probe, kp);
	unsigned long ip = instruction_pointer(regs);

	instruction_pointer_set(regs, (unsigned long)kp->addr);
	stp_run_probe(kpp->probe, regs, false);
	instruction_pointer_set(regs, ip);
	return 0;
}

/* The probe a kretprobe instance belongs to, or NULL once it is gone. */
static struct stp_kprobe_probe *stp_kretprobe_probe(struct kretprobe_instance *ri)
{
	struct kretprobe *krp = get_kretprobe(ri);

	return krp ? container_of(krp, struct stp_kprobe_probe, krp) : NULL;
}

static int stp_kretprobe_handler(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct stp_kprobe_probe *kpp = stp_kretprobe_probe(ri);
	struct stp_kretprobe_run run = { .entry_values = (int64_t *)ri->data };

	if (kpp)
		stp_run_probe_with(kpp->probe, regs, NULL, 0, NULL, kpp->entry ? &run : NULL,
				   false);
	return 0;
}

/*
 * The function's entry: save what the .return handler reads at entry.
 * Zeroed first, so a skipped entry (handler busy on this CPU) leaves 0s,
 * never another call's values.
 */
static int stp_kretprobe_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct stp_kprobe_probe *kpp = stp_kretprobe_probe(ri);
	struct stp_kretprobe_run run = { .entry_values = (int64_t *)ri->data };

	if (!kpp)
		return 0;
	memset(ri->data, 0, kpp->entry_slots * sizeof(int64_t));
	run.entry = kpp->entry;
	stp_run_probe_with(kpp->probe, regs, NULL, 0, NULL, &run, false);
	return 0;
}

/*
 * Probes on a module's text follow the module: the ones whose module is
 * loaded are armed at start, the others when it comes (MODULE_STATE_COMING,
 * before its init runs) and all of them are disarmed when it goes. The
 * mutex orders the notifier against start and stop.
 */
static DEFINE_MUTEX(stp_kprobes_mutex);
static bool stp_kprobes_armed;

/*
 * Hits whose handler never ran: a kprobe that fired while another kprobe
 * was running on its CPU (the kprobes core refuses to nest), and for a
 * kretprobe also a return it could not track (no free instance, maxactive).
 */
static unsigned long stp_kprobe_missed_entries(const struct stp_kprobe_probe *kpp)
{
	return kpp->is_return ? kpp->krp.kp.nmissed : kpp->kp.nmissed;
}

/* Where the kprobe goes: a symbol (the kernel resolves it) and offset, or
 * an absolute address. */
static void stp_kprobe_place(struct kprobe *kp, const struct stp_kprobe_probe *kpp)
{
	if (kpp->symbol) {
		kp->symbol_name = kpp->symbol;
		kp->offset = kpp->offset;
	} else {
		kp->addr = (kprobe_opcode_t *)kpp->address;
	}
}

static int stp_kprobe_register_one(struct stp_kprobe_probe *kpp)
{
	struct kprobe *kp = kpp->is_return ? &kpp->krp.kp : &kpp->kp;
	int rc;

	/* A module's probe is registered anew each time the module comes,
	 * which clears the counters: keep what the last one counted. */
	kpp->missed_unloaded += stp_kprobe_missed_entries(kpp);
	if (kpp->is_return)
		kpp->missed_unloaded += kpp->krp.nmissed;
	if (kpp->is_return) {
		memset(&kpp->krp, 0, sizeof(kpp->krp));
		stp_kprobe_place(kp, kpp);
		kpp->krp.handler = stp_kretprobe_handler;
		if (kpp->entry) {
			kpp->krp.entry_handler = stp_kretprobe_entry;
			kpp->krp.data_size = kpp->entry_slots * sizeof(int64_t);
		}
		kpp->krp.maxactive = kpp->maxactive;
		rc = register_kretprobe(&kpp->krp);
	} else {
		memset(&kpp->kp, 0, sizeof(kpp->kp));
		stp_kprobe_place(kp, kpp);
		kpp->kp.pre_handler = stp_kprobe_pre;
		rc = register_kprobe(&kpp->kp);
	}
	kpp->registered = rc == 0;
	return rc;
}

static void stp_kprobe_unregister_one(struct stp_kprobe_probe *kpp)
{
	if (!kpp->registered)
		return;
	if (kpp->is_return)
		unregister_kretprobe(&kpp->krp);
	else
		unregister_kprobe(&kpp->kp);
	kpp->registered = false;
}

/*
 * A module probe that cannot be armed does not end the run: -ENOENT means
 * the module is not loaded (its symbol is unknown), anything else is
 * reported as a warning, and the other probes go on.
 */
static void stp_kprobe_arm_in_module(struct stp_kprobe_probe *kpp)
{
	int rc = stp_kprobe_register_one(kpp);

	if (rc && rc != -ENOENT)
		stp_msg_printf('W', "WARNING: probe %s (%s+%u) registration error (rc %d)",
			       kpp->probe->pp, kpp->symbol, kpp->offset, rc);
}

static int stp_kprobes_module_notify(struct notifier_block *nb, unsigned long state,
				     void *data)
{
	struct module *mod = data;
	unsigned int i;

	if (state != MODULE_STATE_COMING && state != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	mutex_lock(&stp_kprobes_mutex);
	for (i = 0; stp_kprobes_armed && i < stp_script.nkprobes; i++) {
		struct stp_kprobe_probe *kpp = &stp_script.kprobes[i];

		if (!kpp->module || strcmp(kpp->module, mod->name) != 0)
			continue;
		if (state == MODULE_STATE_COMING && !kpp->registered)
			stp_kprobe_arm_in_module(kpp);
		else if (state == MODULE_STATE_GOING)
			stp_kprobe_unregister_one(kpp);
	}
	mutex_unlock(&stp_kprobes_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block stp_kprobes_module_nb = {
	.notifier_call = stp_kprobes_module_notify,
};
static bool stp_kprobes_watch_modules;

/*
 * Unregistering a kprobe waits for an RCU grace period before its handler
 * may be gone; the kernel's batch calls wait once for the whole batch, so
 * a wildcard's thousand sites come off in one grace period, not a
 * thousand. Without memory for the batch, one at a time. Called with the
 * mutex held.
 */
static void stp_kprobes_unregister_all(void)
{
	unsigned int i, n = stp_script.nkprobes, nkp = 0, nkrp = 0;
	struct kprobe **kps = kvmalloc_array(max(n, 1U), sizeof(*kps), GFP_KERNEL);
	struct kretprobe **krps = kvmalloc_array(max(n, 1U), sizeof(*krps), GFP_KERNEL);

	for (i = 0; i < n; i++) {
		struct stp_kprobe_probe *kpp = &stp_script.kprobes[i];

		if (!kpp->registered)
			continue;
		if (!kps || !krps) {
			stp_kprobe_unregister_one(kpp);
			continue;
		}
		if (kpp->is_return)
			krps[nkrp++] = &kpp->krp;
		else
			kps[nkp++] = &kpp->kp;
		kpp->registered = false;
	}
	if (nkp)
		unregister_kprobes(kps, nkp);
	if (nkrp)
		unregister_kretprobes(krps, nkrp);
	kvfree(kps);
	kvfree(krps);
}

static void stp_kprobes_unregister(void)
{
	mutex_lock(&stp_kprobes_mutex);
	stp_kprobes_armed = false;
	stp_kprobes_unregister_all();
	mutex_unlock(&stp_kprobes_mutex);
	/* After the mutex: a notifier waiting for it must be able to finish. */
	if (stp_kprobes_watch_modules)
		unregister_module_notifier(&stp_kprobes_module_nb);
	stp_kprobes_watch_modules = false;
}

/*
 * Register every kprobe; a kernel probe's failure is reported and undoes
 * the rest, a module probe's is a warning (see stp_kprobe_arm_in_module).
 * The module notifier is in place before the first module probe is tried,
 * so a module that comes meanwhile is not missed.
 */
static int stp_kprobes_register(void)
{
	unsigned int i;
	int rc;

	for (i = 0; i < stp_script.nkprobes; i++)
		if (stp_script.kprobes[i].module)
			stp_kprobes_watch_modules = true;
	if (stp_kprobes_watch_modules) {
		rc = register_module_notifier(&stp_kprobes_module_nb);
		if (rc) {
			stp_kprobes_watch_modules = false;
			stp_msg_printf('E', "ERROR: cannot watch module loads (rc %d)", rc);
			return rc;
		}
	}
	mutex_lock(&stp_kprobes_mutex);
	stp_kprobes_armed = true;
	for (i = 0; i < stp_script.nkprobes; i++) {
		struct stp_kprobe_probe *kpp = &stp_script.kprobes[i];

		if (kpp->registered)
			continue;
		if (kpp->module) {
			stp_kprobe_arm_in_module(kpp);
			continue;
		}
		rc = stp_kprobe_register_one(kpp);
		if (rc) {
			stp_msg_printf('E', "ERROR: probe %s registration error (rc %d)",
				       kpp->probe->pp, rc);
			mutex_unlock(&stp_kprobes_mutex);
			stp_kprobes_unregister();
			return rc;
		}
	}
	mutex_unlock(&stp_kprobes_mutex);
	return 0;
}

static unsigned int stp_kprobes_missed(void)
{
	unsigned int i, missed = 0;

	for (i = 0; i < stp_script.nkprobes; i++) {
		const struct stp_kprobe_probe *kpp = &stp_script.kprobes[i];

		missed += stp_kprobe_missed_entries(kpp) + kpp->missed_unloaded;
		if (kpp->is_return)
			missed += kpp->krp.nmissed;
	}
	return missed;
}

/* -t: one warning per kprobe the kernel missed, as SystemTap gives them. */
static void __maybe_unused stp_kprobes_report_missed(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.nkprobes; i++) {
		const struct stp_kprobe_probe *kpp = &stp_script.kprobes[i];
		unsigned long entries = stp_kprobe_missed_entries(kpp) + kpp->missed_unloaded;

		if (entries)
			stp_msg_printf('W', "WARNING: Skipped due to missed %s on '%s': %lu",
				       kpp->is_return ? "kretprobe/2" : "kprobe",
				       kpp->probe->pp, entries);
		if (kpp->is_return && kpp->krp.nmissed)
			stp_msg_printf('W', "WARNING: Skipped due to missed kretprobe/1 on '%s': %d",
				       kpp->probe->pp, kpp->krp.nmissed);
	}
}
