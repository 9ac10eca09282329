// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * global a[2], b (MAXMAPENTRIES): the size limit is the array's own, and
 * overflowing it names the limit: "Array overflow, check size limit (2)".
 */
#include "generated.h"

static const u8 stp_keys_a[] = { STP_TYPE_STRING };
static struct stp_map stp_global_a = {
	.nkeys = 1, .key_types = stp_keys_a, .value_type = STP_TYPE_LONG, .size = 2,
};
static struct stp_map stp_global_b = {
	.nkeys = 1, .key_types = stp_keys_a, .value_type = STP_TYPE_LONG,
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_a);
STP_DEFINE_GLOBAL_LOCK(stp_lock_b);

static void stp_handler_0(struct stp_context *c)
{
	struct stp_map *a = &stp_global_a, *b = &stp_global_b;

	stp_map_set_long(c, b, K(S("x")), 1, "identifier 'b' at map_size_limit.stp:2:2");
	stp_map_set_long(c, b, K(S("y")), 1, "identifier 'b' at map_size_limit.stp:2:2");
	stp_map_set_long(c, b, K(S("z")), 1, "identifier 'b' at map_size_limit.stp:2:2");
	stp_map_set_long(c, a, K(S("x")), 1, "identifier 'a' at map_size_limit.stp:3:2");
	stp_map_set_long(c, a, K(S("y")), 2, "identifier 'a' at map_size_limit.stp:3:2");
	STP_CHECK();
	t_print(c, "b size ", stp_map_size(b));
	t_print(c, "a size ", stp_map_size(a));
	stp_map_add_long(c, a, K(S("z")), 1, "identifier 'a' at map_size_limit.stp:4:2");
	STP_CHECK();
	stp_print_str(c, "not reached\n");
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = {
	{ &stp_lock_a, true }, { &stp_lock_b, true },
};

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 2 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static struct stp_map *const stp_maps[] = { &stp_global_a, &stp_global_b };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
};
