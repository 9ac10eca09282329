// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kprobe, kretprobe and timer probes together, as stap -p3 would emit
 *   global pending, total, returns
 *   probe kernel.function("ksys_read") { if (execname() == "dd") pending++ }
 *   probe kernel.function("ksys_read").return { if (execname() == "dd") returns++ }
 *   probe timer.ms(20) { total += pending; pending = 0 }
 *   probe end { printf("timer collected reads: %s\n", total > 0 ? "yes" : "no")
 *               printf("reads %d, returns %d\n", total + pending, returns) }
 * run as staprun -c "dd ... count=500; sleep 0.3": dd's 500 one-byte
 * reads fire the entry and the return probe 500 times each, and the timer
 * (which only runs once the begin phase is over) collects them.
 */
#include "generated.h"

static int64_t stp_global_pending, stp_global_total, stp_global_returns;
STP_DEFINE_GLOBAL_LOCK(stp_lock_pending);
STP_DEFINE_GLOBAL_LOCK(stp_lock_total);
STP_DEFINE_GLOBAL_LOCK(stp_lock_returns);

struct stp_locals_0 {
	char tmp0[MAXSTRINGLEN];
};

static bool stp_is_dd(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;

	return strcmp(stp_execname(c, l->tmp0), "dd") == 0;
}

static void stp_handler_0(struct stp_context *c)
{
	STP_ACTION("keyword 'if' at kprobe_counted_by_timer.stp:2:38");
	if (stp_is_dd(c))
		stp_global_pending++;
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	STP_ACTION("keyword 'if' at kprobe_counted_by_timer.stp:3:45");
	if (stp_is_dd(c))
		stp_global_returns++;
out:
	return;
}

static void stp_handler_2(struct stp_context *c)
{
	STP_ACTION("statement at kprobe_counted_by_timer.stp:4:22");
	stp_global_total += stp_global_pending;
	STP_ACTION("statement at kprobe_counted_by_timer.stp:4:41");
	stp_global_pending = 0;
out:
	return;
}

static void stp_handler_3(struct stp_context *c)
{
	STP_ACTION("statement at kprobe_counted_by_timer.stp:5:13");
	stp_print_mem(c, "timer collected reads: ", 23);
	stp_print_fmt_str(c, 0, -1, -1, stp_global_total > 0 ? "yes" : "no");
	stp_print_mem(c, "\n", 1);
	STP_ACTION("statement at kprobe_counted_by_timer.stp:6:13");
	stp_print_mem(c, "reads ", 6);
	stp_print_fmt_long(c, 'd', 0, -1, -1, stp_global_total + stp_global_pending);
	stp_print_mem(c, ", returns ", 10);
	stp_print_fmt_long(c, 'd', 0, -1, -1, stp_global_returns);
	stp_print_mem(c, "\n", 1);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_pending, true } };
static const struct stp_lock_use stp_locks_1[] = { { &stp_lock_returns, true } };
static const struct stp_lock_use stp_locks_2[] = {
	{ &stp_lock_pending, true },
	{ &stp_lock_total, true },
};
static const struct stp_lock_use stp_locks_3[] = {
	{ &stp_lock_pending, false },
	{ &stp_lock_total, false },
	{ &stp_lock_returns, false },
};

static const struct stp_probe stp_probes[] = {
	{ .pp = "kernel.function(\"ksys_read\")", .handler = stp_handler_0,
	  .locks = stp_locks_0, .nlocks = 1 },
	{ .pp = "kernel.function(\"ksys_read\").return", .handler = stp_handler_1,
	  .locks = stp_locks_1, .nlocks = 1 },
	{ .pp = "timer.ms(20)", .handler = stp_handler_2, .locks = stp_locks_2, .nlocks = 2 },
	{ .pp = "end", .handler = stp_handler_3, .locks = stp_locks_3, .nlocks = 3 },
};

static const struct stp_probe *const stp_end_probes[] = { &stp_probes[3] };

static struct stp_kprobe_probe stp_kprobes[] = {
	{ .probe = &stp_probes[0], .symbol = "ksys_read", .is_return = false },
	{ .probe = &stp_probes[1], .symbol = "ksys_read", .is_return = true },
};

static struct stp_timer_probe stp_timers[] = {
	{ .probe = &stp_probes[2], .period_ns = 20 * NSEC_PER_MSEC },
};

static const struct stp_script stp_script = {
	.end = stp_end_probes,
	.nend = 1,
	.timers = stp_timers,
	.ntimers = 1,
	.kprobes = stp_kprobes,
	.nkprobes = 2,
	.locals_size = sizeof(struct stp_locals_0),
};
