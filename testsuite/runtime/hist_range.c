// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * @hist_log(s)[128]: past the last bucket is the script error "histogram
 * index out of range" (bucket 127 reads fine); the handler stops there.
 */
#include "generated.h"

static struct stp_stat stp_global_s = { .desc = { .hist = STP_HIST_LOG } };
STP_DEFINE_GLOBAL_LOCK(stp_lock_s);

static void stp_handler_0(struct stp_context *c)
{
	const struct stp_stat_data *d = stp_stat_read(&stp_global_s);
	int64_t v;

	stp_stat_add(&stp_global_s, S64_MAX);
	d = stp_stat_read(&stp_global_s);
	t_print(c, "@hist_log(s)[127] ", stp_hist_bucket(c, &stp_global_s.desc, d, 127, "s"));
	v = stp_hist_bucket(c, &stp_global_s.desc, d, 128, "identifier 's' at hist_range.stp:5:10");
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
