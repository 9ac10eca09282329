// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Running a handler: per-CPU context and locals, reentrancy refusal, the
 * global locks, the action budget, errors, and the session's counters.
 */
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/slab.h>

enum stp_state {
	STP_STATE_LOADED,	/* inserted, not started */
	STP_STATE_STARTING,	/* begin probes running */
	STP_STATE_RUNNING,	/* every probe may fire */
	STP_STATE_EXITING,	/* exit() or an error: no new handler starts */
	STP_STATE_STOPPING,	/* probes quiesced; end probes running */
	STP_STATE_STOPPED,
};

static atomic_t stp_state = ATOMIC_INIT(STP_STATE_LOADED);
static atomic_t stp_error_count = ATOMIC_INIT(0);
static atomic_t stp_skipped_reentrant = ATOMIC_INIT(0);
static atomic_t stp_skipped_lock = ATOMIC_INIT(0);

#include <linux/timex.h>

#ifdef STP_TIMING	/* stap -t: timing.c */
static void stp_timing_add(const struct stp_probe *p, int64_t cycles);
#endif

static struct stp_context __percpu *stp_contexts;
static void **stp_locals_areas;		/* one per possible CPU */

static int _stp_target;
module_param(_stp_target, int, 0400);
MODULE_PARM_DESC(_stp_target, "target() of the script: staprun -c/-x pid");

/*
 * End the run, as SystemTap's exit() does: from now on no timer or kprobe
 * handler starts (the running ones finish); session.c skips the begin
 * probes not yet run and still runs the end probes. staprun learns of it
 * from the control file's 'X' (control.c) and sends "stop".
 */
static void stp_request_exit(void)
{
	atomic_cmpxchg(&stp_state, STP_STATE_RUNNING, STP_STATE_EXITING);
	atomic_set(&stp_exit_requested, 1);
}

static void stp_exit(struct stp_context *c)
{
	stp_request_exit();
}

static void stp_error(struct stp_context *c, const char *msg, const char *where)
{
	if (c->error)
		return;
	c->error = msg;
	c->error_where = where;
}

static int64_t stp_div(struct stp_context *c, int64_t a, int64_t b, const char *where)
{
	if (unlikely(b == 0)) {
		stp_error(c, "division by 0", where);
		return 0;
	}
	if (unlikely(b == -1))
		return (int64_t)(0 - (u64)a);	/* INT64_MIN / -1 wraps */
	return div64_s64(a, b);
}

static int64_t stp_mod(struct stp_context *c, int64_t a, int64_t b, const char *where)
{
	if (unlikely(b == 0)) {
		stp_error(c, "division by 0", where);
		return 0;
	}
	if (unlikely(b == -1))
		return 0;
	return a - div64_s64(a, b) * b;
}

static const char *stp_execname(struct stp_context *c, char *buf)
{
	strscpy(buf, current->comm, MAXSTRINGLEN);
	return buf;
}

static int64_t stp_pid(struct stp_context *c)
{
	return current->tgid;
}

static int64_t stp_tid(struct stp_context *c)
{
	return current->pid;
}

static int64_t stp_task_current(struct stp_context *c)
{
	return (int64_t)(uintptr_t)current;
}

static int64_t stp_target(struct stp_context *c)
{
	return _stp_target;
}

static int64_t stp_cpu(struct stp_context *c)
{
	return smp_processor_id();
}

/* 1 when the probe interrupted user space (registers known and user). */
static int64_t stp_user_mode(struct stp_context *c)
{
	return c->regs && user_mode(c->regs);
}

/* Report the handler's error; past MAXERRORS the session ends, failed. */
static void stp_report_error(struct stp_context *c)
{
	if (c->error_where)
		stp_msg_printf('E', "ERROR: %s near %s", c->error, c->error_where);
	else
		stp_msg_printf('E', "ERROR: %s", c->error);
	if (atomic_inc_return(&stp_error_count) > MAXERRORS) {
		atomic_set(&stp_failed, 1);
		stp_request_exit();
	}
}

/*
 * A handler could not get a global's lock. Past MAXSKIPPED such skips the
 * session ends, failed. Reentrant hits do not count towards MAXSKIPPED
 * (SystemTap's default INTERRUPTIBLE): they are counted apart.
 */
static void stp_count_lock_skip(void)
{
	if (atomic_inc_return(&stp_skipped_lock) > MAXSKIPPED &&
	    atomic_xchg(&stp_failed, 1) == 0) {
		stp_msg_put('E', "ERROR: Skipped too many probes, check MAXSKIPPED "
			    "or try again with stap -t for more details.");
		stp_request_exit();
	}
}

#if defined(STP_TIMING) || defined(STP_OVERLOAD)
/*
 * A handler run took `cycles`. -t adds it to the probe's timing when it
 * was a hit (not a .return probe's entry function). Overload
 * detection, as SystemTap's: when more than STP_OVERLOAD_THRESHOLD of the
 * last STP_OVERLOAD_INTERVAL cycles on this CPU went to handlers, the run
 * ends with an error.
 */
static void stp_probe_cycles(struct stp_context *c, const struct stp_probe *p,
			     int64_t cycles, bool hit)
{
#ifdef STP_TIMING
	if (hit)
		stp_timing_add(p, cycles);
#endif
#ifdef STP_OVERLOAD
	{
		u64 now = get_cycles();

		c->overload_cycles += cycles;
		if (now - c->overload_base <= STP_OVERLOAD_INTERVAL)
			return;
		if (c->overload_base && c->overload_cycles > STP_OVERLOAD_THRESHOLD &&
		    atomic_xchg(&stp_failed, 1) == 0) {
			stp_msg_printf('E', "ERROR: probe overhead (%lld cycles) exceeded "
				       "threshold (%lld cycles) in last %lld cycles",
				       (long long)c->overload_cycles,
				       (long long)STP_OVERLOAD_THRESHOLD,
				       (long long)STP_OVERLOAD_INTERVAL);
			stp_request_exit();
		}
		c->overload_base = now;
		c->overload_cycles = 0;
	}
#endif
}
#endif

static void stp_unlock_globals(const struct stp_probe *p, unsigned int n)
{
	while (n--)
		raw_spin_unlock(&p->locks[n].lock->lock);
}

/*
 * Take the handler's locks in order, each with a bounded trylock: at most
 * MAXTRYLOCK tries TRYLOCKDELAY ns apart (1 ms by default), then the probe
 * is skipped. Time-bounded rather than a bare spin count, so a lock holder
 * stalled for a moment (a virtual CPU, an NMI) does not cost probes.
 */
static bool stp_lock_globals(const struct stp_probe *p)
{
	unsigned int i;
	int tries;

	for (i = 0; i < p->nlocks; i++) {
		for (tries = 0; !raw_spin_trylock(&p->locks[i].lock->lock); tries++) {
			if (tries >= MAXTRYLOCK) {
				/* Counted per global: the report names it. */
				atomic_inc(&p->locks[i].lock->skipped);
				stp_unlock_globals(p, i);
				return false;
			}
#ifdef STP_TIMING
			atomic_inc(&p->locks[i].lock->contended);
#endif
			ndelay(TRYLOCKDELAY);
		}
	}
	return true;
}

/**
 * stp_run_probe_with() - run one probe's handler on this CPU.
 * @p: the probe
 * @regs: registers at the probe point, or NULL
 * @args: a tracepoint's arguments (@nargs of them), or NULL
 * @procfs: a procfs probe's $value, or NULL
 * @kret: a kretprobe's saved entry values, or its entry function to run
 *        instead of the handler; NULL for other probes
 * @lifecycle: a begin or end probe (runs outside STP_STATE_RUNNING)
 *
 * Safe from any context a kprobe or hrtimer can fire in: interrupts are
 * off throughout, a handler already running on this CPU makes this one a
 * skipped probe, and nothing here sleeps or allocates.
 */
static void stp_run_probe_with(const struct stp_probe *p, struct pt_regs *regs,
			       const u64 *args, unsigned int nargs,
			       struct stp_procfs_value *procfs,
			       const struct stp_kretprobe_run *kret, bool lifecycle)
{
	bool at_entry = kret && kret->entry;
	void (*handler)(struct stp_context *c) = at_entry ? kret->entry : p->handler;
	struct stp_context *c;
	unsigned long flags;

	if (!lifecycle && atomic_read(&stp_state) != STP_STATE_RUNNING)
		return;
	local_irq_save(flags);
	c = this_cpu_ptr(stp_contexts);
	if (c->busy) {
		atomic_inc(&stp_skipped_reentrant);
		goto out;
	}
	c->busy = 1;
	/* An entry function reads no globals (pass 3 refuses an @entry
	 * expression that would). */
	if (!at_entry && !stp_lock_globals(p)) {
		stp_count_lock_skip();
		goto idle;
	}
	c->probe = p;
	c->regs = regs;
	c->args = args;
	c->nargs = nargs;
	c->procfs = procfs;
	c->entry_values = kret ? kret->entry_values : NULL;
	c->actions_remaining = MAXACTION;
	c->error = NULL;
	c->error_where = NULL;
	c->locals = stp_locals_areas[smp_processor_id()];
	c->stack_depth = -1;
#if defined(STP_TIMING) || defined(STP_OVERLOAD)
	{
		cycles_t start = get_cycles();

		handler(c);
		/* a .return probe's entry function is overhead, not a hit */
		stp_probe_cycles(c, p, get_cycles() - start, !at_entry);
	}
#else
	handler(c);
#endif
	/* Flushed under the locks: handlers that share a global put their
	 * output in the order they held it (a counter prints in order). */
	stp_print_flush();
	if (!at_entry)
		stp_unlock_globals(p, p->nlocks);
	if (c->error)
		stp_report_error(c);
idle:
	c->busy = 0;
out:
	local_irq_restore(flags);
}

static void stp_run_probe(const struct stp_probe *p, struct pt_regs *regs,
			  bool lifecycle)
{
	stp_run_probe_with(p, regs, NULL, 0, NULL, NULL, lifecycle);
}

/**
 * stp_run_probe_args() - run a tracepoint probe's handler, which reads
 * @args (@nargs of them) with stp_arg().
 */
static __maybe_unused void stp_run_probe_args(const struct stp_probe *p, const u64 *args,
					      unsigned int nargs)
{
	stp_run_probe_with(p, NULL, args, nargs, NULL, NULL, false);
}

/**
 * stp_run_probe_procfs() - run a procfs probe's handler, whose $value is
 * @value (process context: the reader's open or the writer's write).
 */
static __maybe_unused void stp_run_probe_procfs(const struct stp_probe *p,
						struct stp_procfs_value *value)
{
	stp_run_probe_with(p, NULL, NULL, 0, value, NULL, false);
}

static void stp_contexts_free(void)
{
	unsigned int cpu;

	if (stp_locals_areas) {
		for_each_possible_cpu(cpu)
			kvfree(stp_locals_areas[cpu]);
		kfree(stp_locals_areas);
		stp_locals_areas = NULL;
	}
	free_percpu(stp_contexts);
	stp_contexts = NULL;
}

static int stp_contexts_alloc(size_t locals_size)
{
	unsigned int cpu;

	stp_contexts = alloc_percpu(struct stp_context);
	stp_locals_areas = kcalloc(nr_cpu_ids, sizeof(void *), GFP_KERNEL);
	if (!stp_contexts || !stp_locals_areas)
		goto fail;
	for_each_possible_cpu(cpu) {
		stp_locals_areas[cpu] = kvzalloc(max_t(size_t, locals_size, 1),
						 GFP_KERNEL);
		if (!stp_locals_areas[cpu])
			goto fail;
	}
	return 0;
fail:
	stp_contexts_free();
	return -ENOMEM;
}
