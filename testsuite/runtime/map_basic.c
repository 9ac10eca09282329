// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * global a, s, m9: set, get, +=, exists, delete, delete all, size,
 * unsorted foreach (insertion order), string values, and a 9-key array
 * with mixed long and string keys.
 */
#include "generated.h"

static const u8 stp_keys_a[] = { STP_TYPE_LONG };
static struct stp_map stp_global_a = {
	.nkeys = 1, .key_types = stp_keys_a, .value_type = STP_TYPE_LONG,
};
static const u8 stp_keys_s[] = { STP_TYPE_STRING, STP_TYPE_LONG };
static struct stp_map stp_global_s = {
	.nkeys = 2, .key_types = stp_keys_s, .value_type = STP_TYPE_STRING,
};
static const u8 stp_keys_m9[] = {
	STP_TYPE_LONG, STP_TYPE_STRING, STP_TYPE_LONG, STP_TYPE_STRING, STP_TYPE_LONG,
	STP_TYPE_STRING, STP_TYPE_LONG, STP_TYPE_STRING, STP_TYPE_LONG,
};
static struct stp_map stp_global_m9 = {
	.nkeys = 9, .key_types = stp_keys_m9, .value_type = STP_TYPE_LONG,
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_a);
STP_DEFINE_GLOBAL_LOCK(stp_lock_s);
STP_DEFINE_GLOBAL_LOCK(stp_lock_m9);

struct stp_locals_0 {
	char buf[MAXSTRINGLEN];
	u32 e;
	int64_t i;
};

#define M9KEY(n) K(L(n), S("a"), L(-(n)), S("bb"), L(3), S(""), L(n * 1000000000000LL), S("x y"), L(9))

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;
	struct stp_map *a = &stp_global_a, *s = &stp_global_s, *m9 = &stp_global_m9;

	memset(l, 0, sizeof(*l));
	STP_ACTION("statement at map_basic.stp:1:1");
	t_print(c, "empty size ", stp_map_size(a));
	t_print(c, "absent get ", stp_map_get_long(a, K(L(7))));
	t_print(c, "absent exists ", stp_map_exists(a, K(L(7))));
	t_print(c, "absent not created, size ", stp_map_size(a));
	stp_map_set_long(c, a, K(L(3)), 30, "a");
	stp_map_set_long(c, a, K(L(-1)), -10, "a");
	stp_map_set_long(c, a, K(L(1)), 10, "a");
	stp_map_set_long(c, a, K(L(2)), 0, "a");
	STP_CHECK();
	t_print(c, "size ", stp_map_size(a));
	t_print(c, "a[3] ", stp_map_get_long(a, K(L(3))));
	t_print(c, "a[-1] ", stp_map_get_long(a, K(L(-1))));
	t_print(c, "2 in a (value 0) ", stp_map_exists(a, K(L(2))));
	stp_map_set_long(c, a, K(L(3)), 33, "a");
	t_print(c, "a[3] overwritten ", stp_map_get_long(a, K(L(3))));
	t_print(c, "a[1] += 5 ", stp_map_add_long(c, a, K(L(1)), 5, "a"));
	t_print(c, "a[9]++ (new) ", stp_map_add_long(c, a, K(L(9)), 1, "a"));
	STP_CHECK();
	t_print(c, "size ", stp_map_size(a));
	for (l->e = stp_map_first(a); l->e != STP_MAP_NIL; l->e = stp_map_next(a, l->e)) {
		STP_ACTION("foreach");
		stp_print_str(c, "  a[");
		stp_print_long(c, stp_map_key_long(a, l->e, 0));
		stp_print_str(c, "] = ");
		t_print(c, "", stp_map_entry_long(a, l->e));
	}
	stp_map_delete(a, K(L(3)));
	stp_map_delete(a, K(L(42)));
	t_print(c, "after delete a[3]: 3 in a ", stp_map_exists(a, K(L(3))));
	t_print(c, "a[3] ", stp_map_get_long(a, K(L(3))));
	t_print(c, "size ", stp_map_size(a));
	stp_map_set_long(c, a, K(L(3)), 3, "a");
	STP_CHECK();
	for (l->e = stp_map_first(a); l->e != STP_MAP_NIL; l->e = stp_map_next(a, l->e)) {
		stp_print_str(c, "  a[");
		stp_print_long(c, stp_map_key_long(a, l->e, 0));
		stp_print_str(c, "] = ");
		t_print(c, "", stp_map_entry_long(a, l->e));
	}
	stp_map_clear(a);
	t_print(c, "after delete a: size ", stp_map_size(a));
	t_print(c, "1 in a ", stp_map_exists(a, K(L(1))));
	t_print(c, "first is nil ", stp_map_first(a) == STP_MAP_NIL);
	for (l->i = 0; l->i < 2048; l->i++)
		stp_map_set_long(c, a, K(L(l->i * 7)), l->i, "a");
	STP_CHECK();
	t_print(c, "refilled to MAXMAPENTRIES: size ", stp_map_size(a));
	t_print(c, "a[7*2047] ", stp_map_get_long(a, K(L(7 * 2047))));

	stp_map_set_str(c, s, K(S("k"), L(1)), "one", "s");
	stp_map_set_str(c, s, K(S("k"), L(2)), "two", "s");
	stp_map_set_str(c, s, K(S(""), L(1)), "empty key", "s");
	STP_CHECK();
	t_prints(c, "s[\"k\",1] ", stp_map_get_str(s, K(S("k"), L(1)), l->buf));
	t_prints(c, "s[\"k\",2] ", stp_map_get_str(s, K(S("k"), L(2)), l->buf));
	t_prints(c, "s[\"\",1] ", stp_map_get_str(s, K(S(""), L(1)), l->buf));
	t_prints(c, "s[\"k\",3] (absent) ", stp_map_get_str(s, K(S("k"), L(3)), l->buf));
	t_print(c, "[\"k\",3] in s ", stp_map_exists(s, K(S("k"), L(3))));
	stp_map_set_str(c, s, K(S("k"), L(1)), "uno", "s");
	STP_CHECK();
	for (l->e = stp_map_first(s); l->e != STP_MAP_NIL; l->e = stp_map_next(s, l->e)) {
		stp_print_str(c, "  s[\"");
		stp_print_str(c, stp_map_key_str(s, l->e, 0));
		stp_print_str(c, "\",");
		stp_print_long(c, stp_map_key_long(s, l->e, 1));
		stp_print_str(c, "] = ");
		t_prints(c, "", stp_map_entry_str(s, l->e));
	}

	for (l->i = 1; l->i <= 3; l->i++)
		stp_map_set_long(c, m9, M9KEY(l->i), l->i * 11, "m9");
	STP_CHECK();
	t_print(c, "m9 size ", stp_map_size(m9));
	t_print(c, "m9[2,...] ", stp_map_get_long(m9, M9KEY(2)));
	t_print(c, "m9 last field differs: exists ",
		stp_map_exists(m9, K(L(2), S("a"), L(-2), S("bb"), L(3), S(""),
				     L(2000000000000LL), S("x y"), L(8))));
	t_print(c, "m9 a string field differs: exists ",
		stp_map_exists(m9, K(L(2), S("a"), L(-2), S("bb"), L(3), S(" "),
				     L(2000000000000LL), S("x y"), L(9))));
	stp_map_delete(m9, M9KEY(1));
	for (l->e = stp_map_first(m9); l->e != STP_MAP_NIL; l->e = stp_map_next(m9, l->e)) {
		stp_print_str(c, "  m9[");
		stp_print_long(c, stp_map_key_long(m9, l->e, 0));
		stp_print_str(c, ",");
		stp_print_str(c, stp_map_key_str(m9, l->e, 1));
		stp_print_str(c, ",");
		stp_print_long(c, stp_map_key_long(m9, l->e, 2));
		stp_print_str(c, ",");
		stp_print_str(c, stp_map_key_str(m9, l->e, 3));
		stp_print_str(c, ",");
		stp_print_long(c, stp_map_key_long(m9, l->e, 4));
		stp_print_str(c, ",\"");
		stp_print_str(c, stp_map_key_str(m9, l->e, 5));
		stp_print_str(c, "\",");
		stp_print_long(c, stp_map_key_long(m9, l->e, 6));
		stp_print_str(c, ",");
		stp_print_str(c, stp_map_key_str(m9, l->e, 7));
		stp_print_str(c, ",");
		stp_print_long(c, stp_map_key_long(m9, l->e, 8));
		t_print(c, "] = ", stp_map_entry_long(m9, l->e));
	}
	stp_exit(c);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = {
	{ &stp_lock_a, true }, { &stp_lock_s, true }, { &stp_lock_m9, true },
};

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 3 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static struct stp_map *const stp_maps[] = { &stp_global_a, &stp_global_s, &stp_global_m9 };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.locals_size = sizeof(struct stp_locals_0),
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
};
