// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A script error, as stap -p3 would emit
 *   global x
 *   probe begin { println("before"); x = 10 / x; println("not reached") }
 *   probe end { println("end ran") }
 * The division fails, the handler stops at once (its earlier output is
 * still delivered), staprun prints the ERROR line and the error count,
 * the end probe does not run, staprun exits 1 and the module is removed.
 */
#include "generated.h"

static int64_t stp_global_x;
STP_DEFINE_GLOBAL_LOCK(stp_lock_x);

static void stp_handler_0(struct stp_context *c)
{
	int64_t q;

	STP_ACTION("statement at error_division_by_zero.stp:2:15");
	stp_print_str(c, "before");
	stp_print_mem(c, "\n", 1);
	STP_ACTION("statement at error_division_by_zero.stp:2:33");
	q = stp_div(c, 10, stp_global_x,
		    "operator '/' at error_division_by_zero.stp:2:40");
	if (unlikely(c->error))
		goto out;
	stp_global_x = q;
	STP_ACTION("statement at error_division_by_zero.stp:2:46");
	stp_print_str(c, "not reached");
	stp_print_mem(c, "\n", 1);
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	STP_ACTION("statement at error_division_by_zero.stp:3:13");
	stp_print_str(c, "end ran");
	stp_print_mem(c, "\n", 1);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_x, true } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 1 },
	{ .pp = "end", .handler = stp_handler_1 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[1] };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.end = stp_end_probes,
	.nend = 1,
};
