// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * staprun NAME=VALUE sets a module parameter, a value with blanks too
 * (staprun quotes it for the kernel). Stands for
 *   global msg = "default", count = 1
 *   probe begin { printf("%s %d\n", msg, count); exit() }
 * with the globals declared as module parameters by hand, as the
 * translator will declare them.
 */
#include "generated.h"

static char *stp_param_msg = "default";
module_param_named(msg, stp_param_msg, charp, 0400);
static long stp_param_count = 1;
module_param_named(count, stp_param_count, long, 0400);

static void stp_handler_0(struct stp_context *c)
{
	STP_ACTION("statement at staprun_params.stp:2:15");
	stp_print_fmt_str(c, 0, -1, -1, stp_param_msg);
	stp_print_mem(c, " ", 1);
	stp_print_fmt_long(c, 'd', 0, -1, -1, stp_param_count);
	stp_print_mem(c, "\n", 1);
	STP_ACTION("statement at staprun_params.stp:2:50");
	stp_exit(c);
out:
	return;
}

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
};
