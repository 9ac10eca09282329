// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Output about staprun's own reads. As stap -p3 would emit
 *   probe kernel.function("ksys_read") { println("read") }
 * Every read() staprun makes of the output channel fires the probe, which
 * writes more output: staprun must still come back from each read round,
 * notice the SIGINT (print_every_read.sh) and end the run.
 */
#include "generated.h"

static void stp_handler_0(struct stp_context *c)
{
	STP_ACTION("statement at print_every_read.stp:1:38");
	stp_print_str(c, "read");
	stp_print_mem(c, "\n", 1);
out:
	return;
}

static const struct stp_probe stp_probes[] = {
	{ .pp = "kernel.function(\"ksys_read\")", .handler = stp_handler_0 },
};

static struct stp_kprobe_probe stp_kprobes[] = {
	{ .probe = &stp_probes[0], .symbol = "ksys_read" },
};

static const struct stp_script stp_script = {
	.kprobes = stp_kprobes,
	.nkprobes = 1,
};
