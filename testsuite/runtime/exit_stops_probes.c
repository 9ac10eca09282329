// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * After exit(), no new probe handler starts; the end probes still run
 * (SystemTap's exit(3stap)). As stap -p3 would emit
 *   global n
 *   probe timer.ms(1) { n++; if (n == 5) exit() }
 *   probe end { printf("n %d\n", n) }
 * The timer keeps expiring until staprun has noticed the exit and
 * stopped the run, tens of milliseconds later, but never runs the handler
 * again: n is exactly 5.
 */
#include "generated.h"

static int64_t stp_global_n;
STP_DEFINE_GLOBAL_LOCK(stp_lock_n);

static void stp_handler_0(struct stp_context *c)
{
	STP_ACTION("statement at exit_stops_probes.stp:2:21");
	stp_global_n++;
	STP_ACTION("keyword 'if' at exit_stops_probes.stp:2:26");
	if (stp_global_n == 5) {
		STP_ACTION("statement at exit_stops_probes.stp:2:39");
		stp_exit(c);
	}
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	STP_ACTION("statement at exit_stops_probes.stp:3:13");
	stp_print_mem(c, "n ", 2);
	stp_print_fmt_long(c, 'd', 0, -1, -1, stp_global_n);
	stp_print_mem(c, "\n", 1);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_n, true } };
static const struct stp_lock_use stp_locks_1[] = { { &stp_lock_n, false } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "timer.ms(1)", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 1 },
	{ .pp = "end", .handler = stp_handler_1, .locks = stp_locks_1, .nlocks = 1 },
};

static const struct stp_probe *const stp_end_probes[] = { &stp_probes[1] };

static struct stp_timer_probe stp_timers[] = {
	{ .probe = &stp_probes[0], .period_ns = NSEC_PER_MSEC },
};

static const struct stp_script stp_script = {
	.end = stp_end_probes,
	.nend = 1,
	.timers = stp_timers,
	.ntimers = 1,
};
