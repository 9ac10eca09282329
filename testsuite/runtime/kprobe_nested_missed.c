// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A kprobe hit while another kprobe's handler runs on the CPU is refused
 * by the kernel; it is a skipped probe, counted at the end (the reason
 * line comes with -t only). As stap -p3 -g would emit
 *   function one() %{ STAP_PRINTF("%d\n", 1); %}
 *   probe kernel.function("ksys_read") { if (execname() == "dd") one() }
 *   probe kernel.function("vsnprintf") { }
 * STAP_PRINTF formats with the kernel's vsnprintf, inside the ksys_read
 * handler.
 */
#include "generated.h"

struct stp_locals_0 {
	char tmp0[MAXSTRINGLEN];
};

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;

	STP_ACTION("keyword 'if' at kprobe_nested_missed.stp:1:38");
	if (strcmp(stp_execname(c, l->tmp0), "dd") == 0)
		stp_print_cformat(c, "%d\n", 1);
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
}

static const struct stp_probe stp_probes[] = {
	{ .pp = "kernel.function(\"ksys_read\")", .handler = stp_handler_0 },
	{ .pp = "kernel.function(\"vsnprintf\")", .handler = stp_handler_1 },
};

static struct stp_kprobe_probe stp_kprobes[] = {
	{ .probe = &stp_probes[0], .symbol = "ksys_read" },
	{ .probe = &stp_probes[1], .symbol = "vsnprintf" },
};

static const struct stp_script stp_script = {
	.kprobes = stp_kprobes,
	.nkprobes = 2,
	.locals_size = sizeof(struct stp_locals_0),
};
