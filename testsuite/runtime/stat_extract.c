// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every extractor on data with a known answer: @count @sum @min @max @avg
 * (truncated) and @variance with SystemTap's integer Welford arithmetic
 * (1..5 gives 12, and 2 with bit-shift 1, as stap(1) shows), a single
 * value, negative values, `delete s`, an array of statistics, an absent
 * element, and @hist_log buckets read by index.
 */
#include "generated.h"

static struct stp_stat stp_global_s = { .desc = { .ops = STP_STAT_VARIANCE } };
static struct stp_stat stp_global_s1 = { .desc = { .ops = STP_STAT_VARIANCE, .bit_shift = 1 } };
static struct stp_stat stp_global_neg = { .desc = { .ops = STP_STAT_VARIANCE } };
static struct stp_stat stp_global_one = { .desc = { .ops = STP_STAT_VARIANCE } };
static struct stp_stat stp_global_h = { .desc = { .hist = STP_HIST_LOG } };
static const u8 stp_keys_a[] = { STP_TYPE_STRING };
static struct stp_map stp_global_a = {
	.nkeys = 1, .key_types = stp_keys_a, .value_type = STP_TYPE_STAT,
	.stat = { .ops = STP_STAT_VARIANCE, .hist = STP_HIST_LINEAR,
		  .start = 0, .stop = 10, .interval = 5 },
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_s);

struct stp_locals_0 {
	int64_t i;
	const struct stp_stat_data *d;
};

static void print_all(struct stp_context *c, const char *name, const struct stp_stat_data *d)
{
	stp_print_str(c, name);
	t_print(c, " @count ", stp_stat_count(d));
	stp_print_str(c, name);
	t_print(c, " @sum ", stp_stat_sum(d));
	stp_print_str(c, name);
	t_print(c, " @min ", stp_stat_min(c, d, "@min"));
	stp_print_str(c, name);
	t_print(c, " @max ", stp_stat_max(c, d, "@max"));
	stp_print_str(c, name);
	t_print(c, " @avg ", stp_stat_avg(c, d, "@avg"));
	stp_print_str(c, name);
	t_print(c, " @variance ", stp_stat_variance(c, d, "@variance"));
}

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;
	struct stp_map *a = &stp_global_a;

	memset(l, 0, sizeof(*l));
	for (l->i = 1; l->i <= 5; l->i++) {
		stp_stat_add(&stp_global_s, l->i);
		stp_stat_add(&stp_global_s1, l->i);
		stp_stat_add(&stp_global_h, l->i);
		stp_map_stat_add(c, a, K(S("x")), l->i, "a");
	}
	stp_stat_add(&stp_global_neg, -7);
	stp_stat_add(&stp_global_neg, 3);
	stp_stat_add(&stp_global_neg, 10);
	stp_stat_add(&stp_global_neg, -21);
	stp_stat_add(&stp_global_one, 42);
	stp_map_stat_add(c, a, K(S("y")), -7, "a");
	stp_map_stat_add(c, a, K(S("y")), -8, "a");
	STP_CHECK();
	print_all(c, "s", stp_stat_read(&stp_global_s));
	t_print(c, "s1 @variance(s1, 1) ",
		stp_stat_variance(c, stp_stat_read(&stp_global_s1), "@variance"));
	print_all(c, "neg", stp_stat_read(&stp_global_neg));
	print_all(c, "one", stp_stat_read(&stp_global_one));
	print_all(c, "a[x]", stp_map_get_stat(a, K(S("x"))));
	print_all(c, "a[y]", stp_map_get_stat(a, K(S("y"))));
	t_print(c, "a[z] @count ", stp_stat_count(stp_map_get_stat(a, K(S("z")))));
	t_print(c, "a[z] @sum ", stp_stat_sum(stp_map_get_stat(a, K(S("z")))));
	t_print(c, "[z] in a ", stp_map_exists(a, K(S("z"))));
	l->d = stp_stat_read(&stp_global_h);
	for (l->i = 63; l->i <= 68; l->i++) {
		stp_print_str(c, "@hist_log(h)[");
		stp_print_long(c, l->i);
		t_print(c, "] ", stp_hist_bucket(c, &stp_global_h.desc, l->d, l->i, "h"));
	}
	l->d = stp_map_get_stat(a, K(S("x")));
	for (l->i = 0; l->i < 4; l->i++) {
		stp_print_str(c, "@hist_linear(a[x], 0, 10, 5)[");
		stp_print_long(c, l->i);
		t_print(c, "] ", stp_hist_bucket(c, &a->stat, l->d, l->i, "a"));
	}
	stp_stat_clear(&stp_global_s);
	t_print(c, "after delete s: @count ", stp_stat_count(stp_stat_read(&stp_global_s)));
	t_print(c, "@sum ", stp_stat_sum(stp_stat_read(&stp_global_s)));
	stp_stat_add(&stp_global_s, -3);
	t_print(c, "s <<< -3: @min ", stp_stat_min(c, stp_stat_read(&stp_global_s), "@min"));
	STP_CHECK();
	stp_exit(c);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_s, true } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 1 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static struct stp_map *const stp_maps[] = { &stp_global_a };
static struct stp_stat *const stp_stats[] = {
	&stp_global_s, &stp_global_s1, &stp_global_neg, &stp_global_one, &stp_global_h,
};

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.locals_size = sizeof(struct stp_locals_0),
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
	.stats = stp_stats,
	.nstats = ARRAY_SIZE(stp_stats),
};
