// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An empty statistic: @count and @sum are 0, but print(@hist_log(s)) is
 * the script error "empty aggregate" (as @min @max @avg @variance are)
 * and prints nothing; the handler stops there and the end probe does not
 * run.
 */
#include "generated.h"

static struct stp_stat stp_global_s = { .desc = { .hist = STP_HIST_LOG } };
STP_DEFINE_GLOBAL_LOCK(stp_lock_s);

static void stp_handler_0(struct stp_context *c)
{
	const struct stp_stat_data *d = stp_stat_read(&stp_global_s);

	t_print(c, "@count ", stp_stat_count(d));
	t_print(c, "@sum ", stp_stat_sum(d));
	stp_hist_print(c, &stp_global_s.desc, d, "identifier 's' at hist_empty.stp:5:19");
	STP_CHECK();
	stp_print_str(c, "not reached\n");
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	stp_print_str(c, "end ran\n");
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_s, true } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 1 },
	{ .pp = "end", .handler = stp_handler_1 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[1] };
static struct stp_stat *const stp_stats[] = { &stp_global_s };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.end = stp_end_probes,
	.nend = 1,
	.stats = stp_stats,
	.nstats = ARRAY_SIZE(stp_stats),
};
