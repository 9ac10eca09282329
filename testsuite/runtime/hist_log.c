// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * print(@hist_log(h[i])): the data behind four histograms that
 * SystemTap's own example outputs show (io/deviceseeks.txt with negative
 * buckets, `~` elision and a scaled bar; general/func_time_stats.txt;
 * two of process/cycle_thief.txt), fed in again and printed; the expected
 * output is those examples' text.
 */
#include "generated.h"

static const u8 stp_keys_h[] = { STP_TYPE_LONG };
static struct stp_map stp_global_h = {
	.nkeys = 1, .key_types = stp_keys_h, .value_type = STP_TYPE_STAT,
	.stat = { .hist = STP_HIST_LOG },
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_h);

/* { value, how many times } */
static const int64_t hist_data_0[][2] = {
	{ -8589934592LL, 1 },
	{ -67108864LL, 1 },
	{ -8192LL, 47 },
	{ -4096LL, 115 },
	{ -2048LL, 31 },
	{ 0LL, 246 },
	{ 32LL, 1 },
	{ 64LL, 3 },
	{ 128LL, 1 },
	{ 256LL, 1 },
	{ 512LL, 8 },
	{ 1024LL, 7 },
	{ 2048LL, 102 },
	{ 4096LL, 102 },
	{ 8192LL, 37 },
	{ 16384LL, 3 },
	{ 67108864LL, 2 },
	{ 8589934592LL, 1 },
};

static const int64_t hist_data_1[][2] = {
	{ 524288LL, 1 },
};

static const int64_t hist_data_2[][2] = {
	{ 8LL, 1 },
	{ 128LL, 8 },
	{ 256LL, 1 },
	{ 1024LL, 1 },
	{ 2048LL, 8 },
	{ 4096LL, 11 },
	{ 8192LL, 2 },
	{ 16384LL, 2 },
	{ 32768LL, 12 },
	{ 65536LL, 5 },
	{ 131072LL, 30 },
};

static const int64_t hist_data_3[][2] = {
	{ 4LL, 4 },
	{ 8LL, 27 },
	{ 16LL, 34 },
	{ 32LL, 4 },
	{ 64LL, 5 },
	{ 128LL, 5 },
	{ 512LL, 1 },
};

static const struct {
	const int64_t (*rows)[2];
	unsigned int n;
} hist_data[] = {
	{ hist_data_0, ARRAY_SIZE(hist_data_0) },
	{ hist_data_1, ARRAY_SIZE(hist_data_1) },
	{ hist_data_2, ARRAY_SIZE(hist_data_2) },
	{ hist_data_3, ARRAY_SIZE(hist_data_3) },
};

struct stp_locals_0 {
	int64_t i, j, k;
};

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;
	struct stp_map *h = &stp_global_h;

	memset(l, 0, sizeof(*l));
	for (l->i = 0; l->i < ARRAY_SIZE(hist_data); l->i++)
		for (l->j = 0; l->j < hist_data[l->i].n; l->j++)
			for (l->k = 0; l->k < hist_data[l->i].rows[l->j][1]; l->k++)
				stp_map_stat_add(c, h, K(L(l->i)),
						 hist_data[l->i].rows[l->j][0], "h");
	STP_CHECK();
	for (l->i = 0; l->i < ARRAY_SIZE(hist_data); l->i++) {
		stp_hist_print(c, &h->stat, stp_map_get_stat(h, K(L(l->i))), "h");
		STP_CHECK();
	}
	stp_exit(c);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_h, true } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 1 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static struct stp_map *const stp_maps[] = { &stp_global_h };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.locals_size = sizeof(struct stp_locals_0),
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
};
