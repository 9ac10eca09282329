// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print(@hist_linear(...)) for three statistics: plain rows (0, 100, 10);
 * underflow and overflow rows with `~` elision (-20, 20, 2); bars scaled
 * when the largest count passes HIST_WIDTH (0, 4, 1).
 */
#include "generated.h"

static struct stp_stat stp_global_a = {
	.desc = { .hist = STP_HIST_LINEAR, .start = 0, .stop = 100, .interval = 10 },
};
static struct stp_stat stp_global_b = {
	.desc = { .hist = STP_HIST_LINEAR, .start = -20, .stop = 20, .interval = 2 },
};
static struct stp_stat stp_global_c = {
	.desc = { .hist = STP_HIST_LINEAR, .start = 0, .stop = 4, .interval = 1 },
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_a);

struct stp_locals_0 {
	int64_t i;
};

static void add_n(struct stp_stat *s, int64_t v, int n)
{
	while (n--)
		stp_stat_add(s, v);
}

static void stp_handler_0(struct stp_context *c)
{
	struct stp_stat *a = &stp_global_a, *b = &stp_global_b, *s = &stp_global_c;

	add_n(a, 47, 10);
	add_n(a, 5, 3);
	add_n(a, 99, 2);
	add_n(a, 15, 1);
	add_n(b, -50, 2);
	add_n(b, -20, 1);
	add_n(b, 7, 4);
	add_n(b, 20, 1);
	add_n(b, 25, 3);
	add_n(s, 0, 120);
	add_n(s, 1, 7);
	add_n(s, 3, 1);
	stp_hist_print(c, &a->desc, stp_stat_read(a), "a");
	stp_hist_print(c, &b->desc, stp_stat_read(b), "b");
	stp_hist_print(c, &s->desc, stp_stat_read(s), "c");
	STP_CHECK();
	stp_exit(c);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_a, true } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 1 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static struct stp_stat *const stp_stats[] = { &stp_global_a, &stp_global_b, &stp_global_c };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.stats = stp_stats,
	.nstats = ARRAY_SIZE(stp_stats),
};
