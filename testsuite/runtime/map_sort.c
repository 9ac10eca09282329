// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Sorted foreach: by value and by each key field, ascending and
 * descending, with limit; ties stay in insertion order; string values;
 * arrays of statistics by @count @sum @min @max @avg; two nested sorted
 * loops over one array in two slots.
 */
#include "generated.h"

static const u8 stp_keys_a[] = { STP_TYPE_STRING, STP_TYPE_LONG };
static struct stp_map stp_global_a = {
	.nkeys = 2, .key_types = stp_keys_a, .value_type = STP_TYPE_LONG,
	.sort_slots = 2,
};
static const u8 stp_keys_s[] = { STP_TYPE_LONG };
static struct stp_map stp_global_s = {
	.nkeys = 1, .key_types = stp_keys_s, .value_type = STP_TYPE_STRING,
};
static struct stp_map stp_global_st = {
	.nkeys = 1, .key_types = stp_keys_s, .value_type = STP_TYPE_STAT,
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_a);
STP_DEFINE_GLOBAL_LOCK(stp_lock_s);
STP_DEFINE_GLOBAL_LOCK(stp_lock_st);

struct stp_locals_0 {
	u32 i, n, j, m;
};

static void print_a(struct stp_context *c, const char *title, int by, int dir, int64_t limit)
{
	struct stp_map *a = &stp_global_a;
	u32 i, n = stp_map_sort(a, 0, by, dir, 0, limit), e;

	stp_print_str(c, title);
	for (i = 0; i < n; i++) {
		e = stp_map_sorted(a, 0, i);
		stp_print_str(c, " [");
		stp_print_str(c, stp_map_key_str(a, e, 0));
		stp_print_str(c, ",");
		stp_print_long(c, stp_map_key_long(a, e, 1));
		stp_print_str(c, "]=");
		stp_print_long(c, stp_map_entry_long(a, e));
	}
	stp_print_mem(c, "\n", 1);
}

static void print_st(struct stp_context *c, const char *title, int by, int stat_by, int dir)
{
	struct stp_map *st = &stp_global_st;
	u32 i, n = stp_map_sort(st, 0, by, dir, stat_by, -1), e;

	stp_print_str(c, title);
	for (i = 0; i < n; i++) {
		e = stp_map_sorted(st, 0, i);
		stp_print_str(c, " ");
		stp_print_long(c, stp_map_key_long(st, e, 0));
	}
	stp_print_mem(c, "\n", 1);
}

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;
	struct stp_map *a = &stp_global_a, *s = &stp_global_s, *st = &stp_global_st;
	u32 e, f;

	memset(l, 0, sizeof(*l));
	STP_ACTION("statement at map_sort.stp:1:1");
	stp_map_set_long(c, a, K(S("pear"), L(2)), 5, "a");
	stp_map_set_long(c, a, K(S("apple"), L(9)), -3, "a");
	stp_map_set_long(c, a, K(S("fig"), L(-4)), 5, "a");
	stp_map_set_long(c, a, K(S("apple"), L(1)), 100, "a");
	stp_map_set_long(c, a, K(S("Zed"), L(2)), 0, "a");
	stp_map_set_long(c, a, K(S("banana"), L(7)), 5, "a");
	STP_CHECK();
	print_a(c, "unsorted:", 0, 0, -1);
	print_a(c, "value+:", STP_SORT_VALUE, STP_SORT_ASC, -1);
	print_a(c, "value-:", STP_SORT_VALUE, STP_SORT_DESC, -1);
	print_a(c, "key1+:", 1, STP_SORT_ASC, -1);
	print_a(c, "key1-:", 1, STP_SORT_DESC, -1);
	print_a(c, "key2+:", 2, STP_SORT_ASC, -1);
	print_a(c, "key2-:", 2, STP_SORT_DESC, -1);
	print_a(c, "value- limit 2:", STP_SORT_VALUE, STP_SORT_DESC, 2);
	print_a(c, "key2+ limit 1:", 2, STP_SORT_ASC, 1);
	print_a(c, "value+ limit 0:", STP_SORT_VALUE, STP_SORT_ASC, 0);
	print_a(c, "value+ limit 100:", STP_SORT_VALUE, STP_SORT_ASC, 100);
	stp_print_str(c, "nested key2+ x value- limit 2:\n");
	l->n = stp_map_sort(a, 0, 2, STP_SORT_ASC, 0, 3);
	for (l->i = 0; l->i < l->n; l->i++) {
		e = stp_map_sorted(a, 0, l->i);
		stp_print_str(c, " ");
		stp_print_long(c, stp_map_key_long(a, e, 1));
		stp_print_str(c, ":");
		l->m = stp_map_sort(a, 1, STP_SORT_VALUE, STP_SORT_DESC, 0, 2);
		for (l->j = 0; l->j < l->m; l->j++) {
			f = stp_map_sorted(a, 1, l->j);
			stp_print_str(c, " ");
			stp_print_str(c, stp_map_key_str(a, f, 0));
		}
		stp_print_mem(c, "\n", 1);
	}

	stp_map_set_str(c, s, K(L(1)), "mango", "s");
	stp_map_set_str(c, s, K(L(2)), "Kiwi", "s");
	stp_map_set_str(c, s, K(L(3)), "", "s");
	stp_map_set_str(c, s, K(L(4)), "kiwi", "s");
	STP_CHECK();
	for (f = 0; f < 2; f++) {
		l->n = stp_map_sort(s, 0, STP_SORT_VALUE, f ? STP_SORT_DESC : STP_SORT_ASC, 0, -1);
		stp_print_str(c, f ? "string value-:" : "string value+:");
		for (l->i = 0; l->i < l->n; l->i++) {
			e = stp_map_sorted(s, 0, l->i);
			stp_print_str(c, " ");
			stp_print_long(c, stp_map_key_long(s, e, 0));
			stp_print_str(c, "=\"");
			stp_print_str(c, stp_map_entry_str(s, e));
			stp_print_str(c, "\"");
		}
		stp_print_mem(c, "\n", 1);
	}

	/* st[1]: 1 value 50; st[2]: 3 values 1 2 3; st[3]: 2 values -10 40 */
	stp_map_stat_add(c, st, K(L(1)), 50, "st");
	stp_map_stat_add(c, st, K(L(2)), 1, "st");
	stp_map_stat_add(c, st, K(L(2)), 2, "st");
	stp_map_stat_add(c, st, K(L(2)), 3, "st");
	stp_map_stat_add(c, st, K(L(3)), -10, "st");
	stp_map_stat_add(c, st, K(L(3)), 40, "st");
	STP_CHECK();
	print_st(c, "stat @count-:", STP_SORT_VALUE, STP_STAT_BY_COUNT, STP_SORT_DESC);
	print_st(c, "stat @count+:", STP_SORT_VALUE, STP_STAT_BY_COUNT, STP_SORT_ASC);
	print_st(c, "stat @sum+:", STP_SORT_VALUE, STP_STAT_BY_SUM, STP_SORT_ASC);
	print_st(c, "stat @min+:", STP_SORT_VALUE, STP_STAT_BY_MIN, STP_SORT_ASC);
	print_st(c, "stat @max-:", STP_SORT_VALUE, STP_STAT_BY_MAX, STP_SORT_DESC);
	print_st(c, "stat @avg+:", STP_SORT_VALUE, STP_STAT_BY_AVG, STP_SORT_ASC);
	print_st(c, "stat key-:", 1, 0, STP_SORT_DESC);
	stp_exit(c);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = {
	{ &stp_lock_a, true }, { &stp_lock_s, true }, { &stp_lock_st, true },
};

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 3 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static struct stp_map *const stp_maps[] = { &stp_global_a, &stp_global_s, &stp_global_st };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.locals_size = sizeof(struct stp_locals_0),
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
};
