// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kernel.function and kernel.statement probes: kprobes and kretprobes placed
 * by symbol name and offset, or by address.
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

static int stp_kretprobe_handler(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct kretprobe *krp = get_kretprobe(ri);
	struct stp_kprobe_probe *kpp;
	struct stp_kretprobe_run run = { .entry_values = (int64_t *)ri->data };

	if (!krp)
		return 0;
	kpp = container_of(krp, struct stp_kprobe_probe, krp);
	stp_run_probe_with(kpp->probe, regs, NULL, 0, NULL, kpp->entry ? &run : NULL, false);
	return 0;
}

/*
 * The function's entry: save what the .return handler reads at entry.
 * Zeroed first, so a skipped entry (handler busy on this CPU) leaves 0s,
 * never another call's values.
 */
static int stp_kretprobe_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct kretprobe *krp = get_kretprobe(ri);
	struct stp_kprobe_probe *kpp;
	struct stp_kretprobe_run run = { .entry_values = (int64_t *)ri->data };

	if (!krp)
		return 0;
	kpp = container_of(krp, struct stp_kprobe_probe, krp);
	memset(ri->data, 0, kpp->entry_slots * sizeof(int64_t));
	run.entry = kpp->entry;
	stp_run_probe_with(kpp->probe, regs, NULL, 0, NULL, &run, false);
	return 0;
}

static void stp_kprobes_unregister(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.nkprobes; i++) {
		struct stp_kprobe_probe *kpp = &stp_script.kprobes[i];

		if (!kpp->registered)
			continue;
		if (kpp->is_return)
			unregister_kretprobe(&kpp->krp);
		else
			unregister_kprobe(&kpp->kp);
		kpp->registered = false;
	}
}

/* Register every kprobe; on a failure, report it and undo the rest. */
static int stp_kprobes_register(void)
{
	unsigned int i;
	int rc;

	for (i = 0; i < stp_script.nkprobes; i++) {
		struct stp_kprobe_probe *kpp = &stp_script.kprobes[i];

		if (kpp->is_return) {
			memset(&kpp->krp, 0, sizeof(kpp->krp));
			kpp->krp.kp.symbol_name = kpp->symbol;
			if (kpp->symbol) {
				kpp->krp.kp.symbol_name = kpp->symbol;
				kpp->krp.kp.offset = kpp->offset;
			} else {
				kpp->krp.kp.addr = (kprobe_opcode_t *)kpp->address;
			}
			kpp->krp.handler = stp_kretprobe_handler;
			if (kpp->entry) {
				kpp->krp.entry_handler = stp_kretprobe_entry;
				kpp->krp.data_size = kpp->entry_slots * sizeof(int64_t);
			}
			kpp->krp.maxactive = kpp->maxactive;
			rc = register_kretprobe(&kpp->krp);
		} else {
			memset(&kpp->kp, 0, sizeof(kpp->kp));
			if (kpp->symbol) {
				kpp->kp.symbol_name = kpp->symbol;
				kpp->kp.offset = kpp->offset;
			} else {
				kpp->kp.addr = (kprobe_opcode_t *)kpp->address;
			}
			kpp->kp.pre_handler = stp_kprobe_pre;
			rc = register_kprobe(&kpp->kp);
		}
		if (rc) {
			stp_msg_printf('E', "ERROR: probe %s registration error (rc %d)",
				       kpp->probe->pp, rc);
			stp_kprobes_unregister();
			return rc;
		}
		kpp->registered = true;
	}
	return 0;
}

/*
 * Hits whose handler never ran: a kprobe that fired while another kprobe
 * was running on its CPU (the kprobes core refuses to nest), and for a
 * kretprobe also a return it could not track (no free instance, maxactive).
 */
static unsigned long stp_kprobe_missed_entries(const struct stp_kprobe_probe *kpp)
{
	return kpp->is_return ? kpp->krp.kp.nmissed : kpp->kp.nmissed;
}

static unsigned int stp_kprobes_missed(void)
{
	unsigned int i, missed = 0;

	for (i = 0; i < stp_script.nkprobes; i++) {
		const struct stp_kprobe_probe *kpp = &stp_script.kprobes[i];

		missed += stp_kprobe_missed_entries(kpp);
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
		unsigned long entries = stp_kprobe_missed_entries(kpp);

		if (entries)
			stp_msg_printf('W', "WARNING: Skipped due to missed %s on '%s': %lu",
				       kpp->is_return ? "kretprobe/2" : "kprobe",
				       kpp->probe->pp, entries);
		if (kpp->is_return && kpp->krp.nmissed)
			stp_msg_printf('W', "WARNING: Skipped due to missed kretprobe/1 on '%s': %d",
				       kpp->probe->pp, kpp->krp.nmissed);
	}
}
