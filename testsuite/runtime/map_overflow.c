// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stap -DMAXMAPENTRIES=3: a full array still updates its elements and
 * deletes make room, but a fourth element is the script error
 * "Array overflow, check MAXMAPENTRIES"; the handler stops there, the end
 * probe does not run, and the module unloads.
 */
#define MAXMAPENTRIES 3
#include "generated.h"

static const u8 stp_keys_a[] = { STP_TYPE_LONG };
static struct stp_map stp_global_a = {
	.nkeys = 1, .key_types = stp_keys_a, .value_type = STP_TYPE_LONG,
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_a);

struct stp_locals_0 {
	int64_t i;
};

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;
	struct stp_map *a = &stp_global_a;

	memset(l, 0, sizeof(*l));
	for (l->i = 1; l->i <= 3; l->i++)
		stp_map_set_long(c, a, K(L(l->i)), l->i, "identifier 'a' at map_overflow.stp:2:28");
	STP_CHECK();
	t_print(c, "full, size ", stp_map_size(a));
	stp_map_set_long(c, a, K(L(2)), 20, "identifier 'a' at map_overflow.stp:3:2");
	STP_CHECK();
	t_print(c, "update when full: a[2] ", stp_map_get_long(a, K(L(2))));
	stp_map_delete(a, K(L(1)));
	stp_map_set_long(c, a, K(L(4)), 4, "identifier 'a' at map_overflow.stp:5:2");
	STP_CHECK();
	t_print(c, "after delete and insert: size ", stp_map_size(a));
	t_print(c, "a[4] ", stp_map_get_long(a, K(L(4))));
	stp_print_str(c, "inserting a[5]\n");
	stp_map_set_long(c, a, K(L(5)), 5, "identifier 'a' at map_overflow.stp:8:2");
	STP_CHECK();
	stp_print_str(c, "not reached\n");
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	stp_print_str(c, "end ran\n");
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_a, true } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 1 },
	{ .pp = "end", .handler = stp_handler_1 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static const struct stp_probe *const stp_end_probes[] = { &stp_probes[1] };
static struct stp_map *const stp_maps[] = { &stp_global_a };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.end = stp_end_probes,
	.nend = 1,
	.locals_size = sizeof(struct stp_locals_0),
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
};
