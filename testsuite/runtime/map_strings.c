// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * stap -DMAXSTRINGLEN=16: string values and keys are stored truncated to
 * 15 characters; a key longer than that names the same element as its
 * truncation.
 */
#define MAXSTRINGLEN 16
#include "generated.h"

static const u8 stp_keys_s[] = { STP_TYPE_STRING };
static struct stp_map stp_global_s = {
	.nkeys = 1, .key_types = stp_keys_s, .value_type = STP_TYPE_STRING,
};
STP_DEFINE_GLOBAL_LOCK(stp_lock_s);

struct stp_locals_0 {
	char buf[MAXSTRINGLEN];
};

static void stp_handler_0(struct stp_context *c)
{
	struct stp_locals_0 *l = c->locals;
	struct stp_map *s = &stp_global_s;
	u32 e;

	memset(l, 0, sizeof(*l));
	stp_map_set_str(c, s, K(S("short")), "0123456789abcdefghij", "s");
	stp_map_set_str(c, s, K(S("exactly15chars!")), "123456789012345", "s");
	stp_map_set_str(c, s, K(S("a-key-longer-than-15")), "long key", "s");
	STP_CHECK();
	t_prints(c, "s[short] ", stp_map_get_str(s, K(S("short")), l->buf));
	t_prints(c, "s[15 chars] ", stp_map_get_str(s, K(S("exactly15chars!")), l->buf));
	t_prints(c, "s[20 chars] ",
		 stp_map_get_str(s, K(S("a-key-longer-than-15")), l->buf));
	t_prints(c, "s[14 chars] ", stp_map_get_str(s, K(S("a-key-longer-t")), l->buf));
	t_print(c, "[15 chars] in ", stp_map_exists(s, K(S("a-key-longer-th"))));
	for (e = stp_map_first(s); e != STP_MAP_NIL; e = stp_map_next(s, e)) {
		stp_print_str(c, "  [");
		stp_print_str(c, stp_map_key_str(s, e, 0));
		stp_print_str(c, "] = ");
		t_prints(c, "", stp_map_entry_str(s, e));
	}
	stp_exit(c);
out:
	return;
}

static const struct stp_lock_use stp_locks_0[] = { { &stp_lock_s, true } };

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 1 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };
static struct stp_map *const stp_maps[] = { &stp_global_s };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
	.locals_size = sizeof(struct stp_locals_0),
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
};
