// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * More messages than the control channel's ring holds: the lines that do
 * not fit are counted as lost, but the end of the script still reaches
 * staprun. As stap -D MAXERRORS=1000 -p3 would emit for 300 copies of
 *   probe begin { x = 1 / 0 }
 * followed by
 *   probe begin { exit() }
 * All begin probes run inside staprun's "start", before it reads anything.
 */
#define MAXERRORS 1000
#include "generated.h"

#define NERRORS 300

static void stp_handler_0(struct stp_context *c)
{
	STP_ACTION("statement at msg_ring_full.stp:1:15");
	stp_div(c, 1, 0, "operator '/' at msg_ring_full.stp:1:21");
	if (unlikely(c->error))
		goto out;
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	STP_ACTION("statement at msg_ring_full.stp:2:15");
	stp_exit(c);
out:
	return;
}

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0 },
	{ .pp = "begin", .handler = stp_handler_1 },
};

static const struct stp_probe *const stp_begin_probes[NERRORS + 1] = {
	[0 ... NERRORS - 1] = &stp_probes[0],
	[NERRORS] = &stp_probes[1],
};

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = NERRORS + 1,
};
