// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The smallest script, as stap -p3 would emit it:
 *   probe begin { println("hello world"); exit() }
 *   probe end { println("end ran") }
 * exit() in a begin probe ends the run normally: the end probe runs, its
 * output follows the begin probe's, staprun exits 0 and the module is gone.
 */
#include "generated.h"

static void stp_handler_0(struct stp_context *c)
{
	STP_ACTION("statement at begin_hello.stp:1:15");
	stp_print_str(c, "hello world");
	stp_print_mem(c, "\n", 1);
	STP_ACTION("statement at begin_hello.stp:1:38");
	stp_exit(c);
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	STP_ACTION("statement at begin_hello.stp:2:13");
	stp_print_str(c, "end ran");
	stp_print_mem(c, "\n", 1);
out:
	return;
}

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0 },
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
