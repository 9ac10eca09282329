// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An empty statistic: @count and @sum are 0, but @min (like @max, @avg,
 * @variance and printing a histogram) is the script error "empty
 * aggregate"; the handler stops there and the end probe does not run.
 */
#include "generated.h"

static struct stp_stat stp_global_s = { .desc = { .hist = STP_HIST_LOG } };
STP_DEFINE_GLOBAL_LOCK(stp_lock_s);

static void stp_handler_0(struct stp_context *c)
{
	const struct stp_stat_data *d = stp_stat_read(&stp_global_s);
	int64_t v;

	t_print(c, "@count ", stp_stat_count(d));
	t_print(c, "@sum ", stp_stat_sum(d));
	v = stp_stat_min(c, d, "operator '@min' at stat_empty.stp:5:10");
	STP_CHECK();
	t_print(c, "not reached ", v);
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
