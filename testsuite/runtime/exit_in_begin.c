// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * exit() in a begin probe: the later begin probes and every timer or
 * kprobe handler never run; the end probe does. As stap -p3 would emit
 *   probe begin { println("first begin"); exit() }
 *   probe begin { println("second begin") }
 *   probe timer.ms(1) { println("timer") }
 *   probe kernel.function("ksys_read") { println("kprobe") }
 *   probe end { println("end") }
 */
#include "generated.h"

static void stp_handler_0(struct stp_context *c)
{
	STP_ACTION("statement at exit_in_begin.stp:1:15");
	stp_print_str(c, "first begin");
	stp_print_mem(c, "\n", 1);
	STP_ACTION("statement at exit_in_begin.stp:1:38");
	stp_exit(c);
out:
	return;
}

/* The same body for every other probe: print its label. */
static void stp_print_label(struct stp_context *c, const char *label)
{
	stp_print_str(c, label);
	stp_print_mem(c, "\n", 1);
}

static void stp_handler_1(struct stp_context *c)
{
	STP_ACTION("statement at exit_in_begin.stp:2:15");
	stp_print_label(c, "second begin");
out:
	return;
}

static void stp_handler_2(struct stp_context *c)
{
	STP_ACTION("statement at exit_in_begin.stp:3:21");
	stp_print_label(c, "timer");
out:
	return;
}

static void stp_handler_3(struct stp_context *c)
{
	STP_ACTION("statement at exit_in_begin.stp:4:38");
	stp_print_label(c, "kprobe");
out:
	return;
}

static void stp_handler_4(struct stp_context *c)
{
	STP_ACTION("statement at exit_in_begin.stp:5:13");
	stp_print_label(c, "end");
out:
	return;
}

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0 },
	{ .pp = "begin", .handler = stp_handler_1 },
	{ .pp = "timer.ms(1)", .handler = stp_handler_2 },
	{ .pp = "kernel.function(\"ksys_read\")", .handler = stp_handler_3 },
	{ .pp = "end", .handler = stp_handler_4 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0], &stp_probes[1] };
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[4] };

static struct stp_timer_probe stp_timers[] = {
	{ .probe = &stp_probes[2], .period_ns = NSEC_PER_MSEC },
};

static struct stp_kprobe_probe stp_kprobes[] = {
	{ .probe = &stp_probes[3], .symbol = "ksys_read" },
};

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 2,
	.end = stp_end_probes,
	.nend = 1,
	.timers = stp_timers,
	.ntimers = 1,
	.kprobes = stp_kprobes,
	.nkprobes = 1,
};
