/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The target kernel's BTF as ctypes: where to find it, and BTF type ids
 * turned into ctype descriptions (built on demand, once per id).
 */
#ifndef CTAP_KERNEL_BTF_H
#define CTAP_KERNEL_BTF_H

#include "../session.h"
#include "btf.h"
#include "ctype.h"

struct kernel_btf {
	struct btf *btf;
	char *path;
	struct ctype_source source;
	struct ctype **types;		/* by BTF id, NULL until built */
};

/*
 * The BTF of s's target kernel, loaded once per run: the running kernel's
 * /sys/kernel/btf/vmlinux when it is the target, else the .BTF section of
 * the target's vmlinux (its -dbg image, or the one ctap-vm extracts from
 * the cached vmlinuz). NULL with *why saying what was looked for.
 */
struct kernel_btf *kernel_btf_load(struct session *s, char **why);
/*
 * The BTF of a module (the .BTF section of its .ko at path), split over
 * the target kernel's, loaded once per module per run; NULL with *why.
 */
struct kernel_btf *module_btf_load(struct session *s, const char *path, char **why);
void kernel_btf_free(void);

/* The ctype of BTF type id (0: void). */
const struct ctype *kernel_btf_ctype(struct kernel_btf *kb, uint32_t id);

#endif
