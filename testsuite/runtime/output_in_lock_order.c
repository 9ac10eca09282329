// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Output from both CPUs comes out in the order the handlers held the
 * global they share. As stap -p3 would emit
 *   global n
 *   probe kernel.function("ksys_read") { if (execname() == "dd") printf("%d\n", ++n) }
 *   probe timer.s(2) { exit() }
 * with dd reading on both CPUs: the lines are exactly 1, 2, 3, ...
 */
#include "generated.h"

static int64_t stp_global_n;
STP_DEFINE_GLOBAL_LOCK(stp_lock_n);

struct stp_locals_0 {
	char tmp0[MAXSTRINGLEN];
};

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;

	STP_ACTION("keyword 'if' at output_in_lock_order.stp:2:38");
	if (strcmp(stp_execname(c, l->tmp0), "dd") == 0) {
		STP_ACTION("statement at output_in_lock_order.stp:2:62");
		stp_print_fmt_long(c, 'd', 0, -1, -1, ++stp_global_n);
		stp_print_mem(c, "\n", 1);
	}
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	STP_ACTION("statement at output_in_lock_order.stp:3:20");
	stp_exit(c);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_n, true } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "kernel.function(\"ksys_read\")", .handler = stp_handler_0,
	  .locks = stp_locks_0, .nlocks = 1 },
	{ .pp = "timer.s(2)", .handler = stp_handler_1 },
};

static struct stp_kprobe_probe stp_kprobes[] = {
	{ .probe = &stp_probes[0], .symbol = "ksys_read" },
};

static struct stp_timer_probe stp_timers[] = {
	{ .probe = &stp_probes[1], .period_ns = 2 * NSEC_PER_SEC },
};

static const struct stp_script stp_script = {
	.timers = stp_timers,
	.ntimers = 1,
	.kprobes = stp_kprobes,
	.nkprobes = 1,
	.locals_size = sizeof(struct stp_locals_0),
};
