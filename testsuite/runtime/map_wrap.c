// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * global a%[3], st%[2]: a full wrap-around array overwrites its oldest
 * element instead of failing; updating an element never evicts one.
 */
#include "generated.h"

static const u8 stp_keys_a[] = { STP_TYPE_LONG };
static struct stp_map stp_global_a = {
	.nkeys = 1, .key_types = stp_keys_a, .value_type = STP_TYPE_LONG,
	.size = 3, .wrap = true,
};
static struct stp_map stp_global_st = {
	.nkeys = 1, .key_types = stp_keys_a, .value_type = STP_TYPE_STAT,
	.size = 2, .wrap = true,
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_a);
STP_DEFINE_GLOBAL_LOCK(stp_lock_st);

struct stp_locals_0 {
	int64_t i;
	u32 e;
};

static void print_a(struct stp_context *c, const char *title)
{
	struct stp_map *a = &stp_global_a;
	u32 e;

	stp_print_str(c, title);
	for (e = stp_map_first(a); e != STP_MAP_NIL; e = stp_map_next(a, e)) {
		stp_print_str(c, " a[");
		stp_print_long(c, stp_map_key_long(a, e, 0));
		stp_print_str(c, "]=");
		stp_print_long(c, stp_map_entry_long(a, e));
	}
	stp_print_mem(c, "\n", 1);
}

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;
	struct stp_map *a = &stp_global_a, *st = &stp_global_st;

	memset(l, 0, sizeof(*l));
	for (l->i = 1; l->i <= 3; l->i++)
		stp_map_set_long(c, a, K(L(l->i)), l->i * 10, "a");
	STP_CHECK();
	print_a(c, "full:");
	stp_map_set_long(c, a, K(L(1)), 11, "a");
	STP_CHECK();
	print_a(c, "a[1] updated:");
	stp_map_set_long(c, a, K(L(4)), 40, "a");
	STP_CHECK();
	print_a(c, "a[4] replaced the oldest:");
	for (l->i = 5; l->i <= 9; l->i++)
		stp_map_add_long(c, a, K(L(l->i)), l->i, "a");
	STP_CHECK();
	print_a(c, "a[5..9]++:");
	t_print(c, "size ", stp_map_size(a));
	t_print(c, "1 in a ", stp_map_exists(a, K(L(1))));
	t_print(c, "9 in a ", stp_map_exists(a, K(L(9))));

	stp_map_stat_add(c, st, K(L(1)), 5, "st");
	stp_map_stat_add(c, st, K(L(2)), 6, "st");
	stp_map_stat_add(c, st, K(L(1)), 7, "st");
	stp_map_stat_add(c, st, K(L(3)), 8, "st");
	STP_CHECK();
	t_print(c, "st size ", stp_map_size(st));
	t_print(c, "@count(st[1]) (evicted) ", stp_stat_count(stp_map_get_stat(st, K(L(1)))));
	t_print(c, "@count(st[2]) ", stp_stat_count(stp_map_get_stat(st, K(L(2)))));
	t_print(c, "@sum(st[3]) ", stp_stat_sum(stp_map_get_stat(st, K(L(3)))));
	stp_map_stat_add(c, st, K(L(1)), 9, "st");
	STP_CHECK();
	t_print(c, "st[1] again, @count ", stp_stat_count(stp_map_get_stat(st, K(L(1)))));
	t_print(c, "2 in st ", stp_map_exists(st, K(L(2))));
	stp_exit(c);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = {
	{ &stp_lock_a, true }, { &stp_lock_st, true },
};

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 2 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static struct stp_map *const stp_maps[] = { &stp_global_a, &stp_global_st };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.locals_size = sizeof(struct stp_locals_0),
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
};
